using PveLint.Diagnostics;
using PveLint.Rules.Engine;

namespace PveLint.Rules.LinterConfig;

public sealed class InvalidLinterConfig : DiagnosticRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE9003", "invalid-linter-config",
        ".pvelint.yaml that fails its schema",
        Severity.Error, RuleCategory.LinterConfig,
        "A key pvelint does not know or a value of the wrong type in .pvelint.yaml is ignored, so the sites, latencies, policy or severities you meant to declare are not used and the checks that depend on them run on defaults.",
        "Correct the key or value at the reported line; INTERFACE.md lists every key.",
        "configuration");

    public override RuleMetadata Metadata => Meta;
}
