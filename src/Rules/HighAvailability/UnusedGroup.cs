using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class UnusedGroup : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2014", "unused-group",
        "An HA group no resource uses: it vanishes on migration",
        Severity.Info, RuleCategory.HighAvailability,
        "The HA core migrates only groups that at least one resource names; the others get no rule and disappear with groups.cfg. A group kept as a template for later use is lost.",
        "Delete the group, or, if it is meant for later, write the node-affinity rule now (PVE 9 has no groups).",
        "design", "migration");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var used = GroupMigration.GroupsInUse(model.Ha).Select(g => g.Group.Id.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var group in model.Ha.Groups.Where(g => !used.Contains(g.Id.Value)))
            yield return Report(group.Section.HeaderSpan,
                $"No HA resource uses group '{group.Id.Value}' (nodes {string.Join(", ", group.Nodes.Select(n => n.Priority == 0 ? n.Node.Value : $"{n.Node.Value}:{n.Priority}"))}): the migration to rules makes no rule of it, so it vanishes when groups.cfg is deleted.");
    }
}
