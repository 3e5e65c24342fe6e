using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.HighAvailability.Rules;

/// <summary>
/// The transforms pve-ha-manager runs on the feasible rules, in its order (reference/pve-ha-manager.md §2.3):
/// merge overlapping positive rules (one greedy pass), add the negative pairs a positive group implies, then widen
/// each positive group's node-affinity rule to all of the group's resources.
/// </summary>
internal static class RuleTransforms
{
    /// <summary>The transformed rules (disabled ones stay, untouched) and whether Perl's hash order could change them.</summary>
    public static (ImmutableArray<HaRuleDefinition> Rules, bool DependsOnHashOrder) Apply(IReadOnlyList<HaRuleDefinition> feasible)
    {
        var rules = MergePositive(feasible.ToList());
        rules.AddRange(ImplicitNegatives(rules));
        var (widened, ambiguous) = WidenNodeAffinity(rules);
        return (widened.OrderBy(r => r.Order).ThenBy(r => r.Id, StringComparer.Ordinal).ToImmutableArray(), ambiguous);
    }

    private static IEnumerable<HaRuleDefinition> Enabled(IEnumerable<HaRuleDefinition> rules) => rules.Where(r => !r.Disabled);

    /// <summary>ResourceAffinity.pm <c>merge_connected_positive_resource_affinity_rules</c>.</summary>
    private static List<HaRuleDefinition> MergePositive(List<HaRuleDefinition> rules)
    {
        foreach (var group in PositiveGroups.Find(Enabled(rules).Where(r => r.IsPositive)).Where(g => g.Rules.Length > 1))
        {
            var first = group.Rules[0];
            rules.RemoveAll(r => group.Rules.Contains(r));
            rules.Add(new HaRuleDefinition("_merged-" + string.Join('-', group.RuleIds), HaRuleType.ResourceAffinity, ResourceAffinityKind.Positive,
                group.Resources, ImmutableSortedDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal), false, false, first.Order, HaRuleOrigin.MergedPositive)
            { MadeFrom = group.RuleIds.ToImmutableArray() });
        }
        return rules;
    }

    /// <summary>
    /// ResourceAffinity.pm <c>create_implicit_negative_resource_affinity_rules</c>: when a member of a positive rule
    /// is kept apart from X by a negative rule, every other member gets its own negative pair with X. New rules take
    /// <c>get_next_ordinal</c>, the lowest order + 1.
    /// </summary>
    private static List<HaRuleDefinition> ImplicitNegatives(List<HaRuleDefinition> rules)
    {
        var negatives = Enabled(rules).Where(r => r.IsNegative).ToList();
        var order = GroupMigration.NextOrdinal(rules);
        var created = new List<HaRuleDefinition>();
        foreach (var positive in Enabled(rules).Where(r => r.IsPositive))
        {
            var separatedFrom = new SortedDictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var negative in negatives)
                foreach (var sid in positive.Resources.Where(negative.Resources.Contains))
                    foreach (var csid in negative.Resources.Where(c => c != sid))
                        (separatedFrom.TryGetValue(csid, out var set) ? set : separatedFrom[csid] = new HashSet<string>(StringComparer.Ordinal)).Add(sid);
            foreach (var (csid, separated) in separatedFrom)
                foreach (var sid in positive.Resources.Where(s => !separated.Contains(s)))
                    created.Add(new HaRuleDefinition($"_implicit-negative-{positive.Id}-{sid}-{csid}", HaRuleType.ResourceAffinity, ResourceAffinityKind.Negative,
                        ImmutableSortedSet.Create(StringComparer.Ordinal, sid, csid), ImmutableSortedDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal),
                        false, false, order, HaRuleOrigin.ImplicitNegative) { MadeFrom = [positive.Id] });
        }
        return created;
    }

    /// <summary>
    /// Rules.pm <c>create_implicit_positive_resource_affinity_node_affinity_rules</c>: each positive rule adds all
    /// its resources to the first node-affinity rule (in hash order) it shares a resource with. The result depends on
    /// Perl's hash order when a positive rule meets two node-affinity rules, when one positive rule's additions decide
    /// whether a later one meets a rule, or when a resource ends up in two node-affinity rules (compile keeps one of
    /// them at random). All three need positive rules the greedy merge left overlapping (PVE2008).
    /// </summary>
    private static (List<HaRuleDefinition> Rules, bool Ambiguous) WidenNodeAffinity(List<HaRuleDefinition> rules)
    {
        var positives = Enabled(rules).Where(r => r.IsPositive).OrderBy(r => r.Order).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var (forward, metSeveral) = Widen(rules, positives);
        var (backward, _) = Widen(rules, Enumerable.Reverse(positives));
        var nodeAffinity = Enabled(forward).Where(r => r.IsNodeAffinity).ToList();
        var ambiguous = metSeveral
            || !nodeAffinity.Select(Fingerprint).SequenceEqual(Enabled(backward).Where(r => r.IsNodeAffinity).Select(Fingerprint))
            || nodeAffinity.SelectMany(r => r.Resources).GroupBy(s => s).Any(g => g.Count() > 1);
        return (forward, ambiguous);
    }

    private static string Fingerprint(HaRuleDefinition rule) => rule.Id + "=" + string.Join(',', rule.Resources);

    private static (List<HaRuleDefinition> Rules, bool MetSeveral) Widen(List<HaRuleDefinition> rules, IEnumerable<HaRuleDefinition> positives)
    {
        var result = rules.ToList();
        var metSeveral = false;
        foreach (var positive in positives)
        {
            var met = result.Select((r, i) => (Rule: r, Index: i))
                .Where(x => !x.Rule.Disabled && x.Rule.IsNodeAffinity && x.Rule.SharesResourceWith(positive.Resources))
                .OrderBy(x => x.Rule.Order).ThenBy(x => x.Rule.Id, StringComparer.Ordinal).ToList();
            if (met.Count == 0) continue;
            metSeveral |= met.Count > 1;
            var target = met[0];
            result[target.Index] = target.Rule with { Resources = target.Rule.Resources.Union(positive.Resources) };
        }
        return (result, metSeveral);
    }
}
