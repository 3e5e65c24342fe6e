using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class GroupMigrationCollision : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2013", "group-migration-collision",
        "A hand-written rule 'ha-group-<g>' while group <g> is still in use",
        Severity.Error, RuleCategory.HighAvailability,
        "The HA core names the node-affinity rule it makes from HA group <g> 'ha-group-<g>' and stores it under that id without looking: a rules.cfg rule with the same id is replaced — in memory every CRM round while groups.cfg exists, and in rules.cfg for good when the groups are migrated. The hand-written rule never applies and is lost.",
        "Rename the hand-written rule, or move its intent into the group (or migrate the groups first and edit the generated rule).",
        "design", "migration");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        foreach (var migrated in GroupMigration.GroupsInUse(model.Ha).Where(g => g.Overwrites is not null))
        {
            var written = migrated.Overwrites!;
            yield return Report(written.Section.HeaderSpan,
                $"Rule '{written.Id.Value}' has the id the HA core gives to HA group '{migrated.Group.Id.Value}' (used by {HaText.Resources(model, migrated.Resources.Select(r => r.Sid))}): "
                + $"the CRM replaces it with the group's rule (nodes {HaText.NodesWithPriorities(migrated.Rule)}{(migrated.Rule.Strict ? ", strict" : "")}) every round, and the group migration overwrites it in rules.cfg, so this rule never applies.",
                [new RelatedSpan(migrated.Group.Section.HeaderSpan, $"HA group '{migrated.Group.Id.Value}'")]);
        }
    }
}
