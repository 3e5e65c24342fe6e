using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.HighAvailability.Rules;

/// <summary>An HA group some resource uses, and the node-affinity rule the HA core makes of it.</summary>
public sealed record MigratedGroup(HaGroup Group, ImmutableArray<HaResource> Resources, HaRuleDefinition Rule)
{
    public string RuleId => Rule.Id;

    /// <summary>The hand-written rules.cfg rule with the same id, which the migration overwrites (PVE2013).</summary>
    public HaRule? Overwrites { get; init; }
}

/// <summary>
/// Groups.pm <c>migrate_groups_to_rules</c> (reference/pve-ha-manager.md §1.5), which the CRM runs in memory every
/// round while groups.cfg has groups, and once more when it migrates them for good: one node-affinity rule
/// <c>ha-group-&lt;group&gt;</c> per group that at least one resource names (resources naming a missing group are
/// skipped): its resources, the group's nodes and priorities, <c>strict</c> = <c>restricted</c>, the group's comment
/// or "Generated from HA group '&lt;group&gt;'.". A rules.cfg rule with that id is replaced. Each new rule takes
/// <c>get_next_ordinal</c> (the lowest order + 1). Upstream walks the groups in Perl hash order; this walks them in
/// group-id order, one of the orders the HA core can take.
/// </summary>
public static class GroupMigration
{
    public static string RuleIdFor(string group) => "ha-group-" + group;

    public static string DefaultComment(string group) => $"Generated from HA group '{group}'.";

    /// <summary>The groups in use, in group-id order, each with the rule the HA core makes of it.</summary>
    public static ImmutableArray<MigratedGroup> GroupsInUse(HaModel ha)
    {
        var groups = ha.Groups.ToDictionary(g => g.Id.Value, StringComparer.Ordinal);
        var written = ha.Rules.ToDictionary(r => r.Id.Value, StringComparer.Ordinal);
        return ha.Resources.Where(r => r.Group is not null && groups.ContainsKey(r.Group.Value))
            .GroupBy(r => r.Group!.Value, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var group = groups[g.Key];
                var rule = new HaRuleDefinition(
                    RuleIdFor(g.Key), HaRuleType.NodeAffinity, null,
                    g.Select(r => r.Sid).ToImmutableSortedSet(StringComparer.Ordinal),
                    // Groups.pm keeps node entries in a hash keyed by 'node:prio'; a node listed twice keeps one of them.
                    group.Nodes.GroupBy(n => n.Node.Value, StringComparer.Ordinal).ToImmutableSortedDictionary(n => n.Key, n => n.Last().Priority, StringComparer.Ordinal),
                    group.Restricted, false, 0, HaRuleOrigin.MigratedGroup) { Group = group };
                return new MigratedGroup(group, g.ToImmutableArray(), rule) { Overwrites = written.GetValueOrDefault(rule.Id) };
            })
            .ToImmutableArray();
    }

    /// <summary>Rules.pm <c>get_next_ordinal</c>: the lowest order + 1 (not the highest, so new rules tie with old ones).</summary>
    public static int NextOrdinal(IEnumerable<HaRuleDefinition> rules) => rules.Select(r => r.Order).DefaultIfEmpty(0).Min() + 1;

    /// <summary>The rules after the in-memory migration: rules.cfg's rules with each group's rule added or replacing.</summary>
    public static ImmutableArray<HaRuleDefinition> Apply(IEnumerable<HaRuleDefinition> rules, IEnumerable<MigratedGroup> groups)
    {
        var byId = new Dictionary<string, HaRuleDefinition>(StringComparer.Ordinal);
        foreach (var rule in rules) byId[rule.Id] = rule;
        foreach (var migrated in groups)
        {
            // The overwritten rule's order still counts for get_next_ordinal: upstream sets the order after the rule.
            byId[migrated.RuleId] = migrated.Rule with { Order = NextOrdinal(byId.Values) };
        }
        return byId.Values.OrderBy(r => r.Order).ThenBy(r => r.Origin).ThenBy(r => r.Id, StringComparer.Ordinal).ToImmutableArray();
    }
}
