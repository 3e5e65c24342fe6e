using PveLint.Diagnostics;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Input;

public sealed class UnresolvedReference : DiagnosticRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE0008", "unresolved-reference",
        "A name that points nowhere",
        Severity.Error, RuleCategory.Input,
        "A rule or group naming a node that is not in corosync.conf, a resource that is not managed, a disk on a storage that does not exist: PVE ignores the reference or fails at the worst moment (recovery, migration, start).",
        "Correct the name or add the missing node, resource, guest, group or storage.",
        "reference");

    public override RuleMetadata Metadata => Meta;
}
