using PveLint.Diagnostics;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Input;

public sealed class UnknownKey : DiagnosticRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE0002", "unknown-key",
        "A key the format's schema does not know",
        Severity.Warning, RuleCategory.Input,
        "PVE validates section-config and datacenter.cfg keys against a schema and drops unknown ones ('unexpected property'); a key that only exists in a later release is dropped on the release the cluster runs. The setting you wrote is not in effect.",
        "Fix the spelling, remove the key, or raise 'target:' in .pvelint.yaml when the cluster already runs the release that knows it.",
        "schema");

    public override RuleMetadata Metadata => Meta;
}
