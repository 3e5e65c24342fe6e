using PveLint.Diagnostics;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Input;

public sealed class DuplicateKey : DiagnosticRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE0004", "duplicate-key",
        "The same key twice in one section or block",
        Severity.Warning, RuleCategory.Input,
        "PVE's section-config parser reports 'duplicate attribute' and keeps the first value; corosync keeps the last. Either way one of the two lines is silently not in effect.",
        "Remove the line that is not meant to apply.",
        "schema");

    public override RuleMetadata Metadata => Meta;
}
