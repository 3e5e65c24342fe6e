using PveLint.Diagnostics;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Input;

public sealed class SyntaxError : DiagnosticRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE0001", "syntax-error",
        "A line or block that no parser of that format accepts",
        Severity.Error, RuleCategory.Input,
        "Proxmox, corosync and Ceph skip or refuse what they cannot parse: corosync refuses to start on a grammar error, PVE's section-config parser warns 'ignore config line' and drops the line. Whatever the line meant is not in effect.",
        "Rewrite the line in the format's syntax (see the format reference); pvelint resumes after the bad line, so later findings are still reported.",
        "syntax");

    public override RuleMetadata Metadata => Meta;
}
