using System.Collections.Immutable;

namespace PveLint.Analysis.HighAvailability.Rules;

/// <summary>A set of positive rules the HA core treats as one (<c>find_disjoint_rules_resource_sets</c>).</summary>
public sealed record PositiveGroup(ImmutableArray<HaRuleDefinition> Rules, ImmutableSortedSet<string> Resources)
{
    public IEnumerable<string> RuleIds => Rules.Select(r => r.Id);
}

/// <summary>
/// Rules/Helpers.pm <c>find_disjoint_rules_resource_sets</c> (reference §2.3): rules sorted by their lowest
/// resource id (string order; ties by rule id), then a single greedy pass in which each rule joins the first group it
/// overlaps. It is not a transitive closure: r1{101,201}, r2{102,202}, r3{103,201,202} gives {r1,r3} and {r2}.
/// </summary>
public static class PositiveGroups
{
    public static ImmutableArray<PositiveGroup> Find(IEnumerable<HaRuleDefinition> positiveRules)
    {
        var groups = new List<(List<HaRuleDefinition> Rules, SortedSet<string> Resources)>();
        var sorted = positiveRules
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            // A rule without resources sorts first in Perl (undef compares as ''); it never overlaps anything.
            .OrderBy(r => r.Resources.Count > 0 ? r.Resources.Min : "", StringComparer.Ordinal);
        foreach (var rule in sorted)
        {
            var group = groups.FirstOrDefault(g => rule.Resources.Overlaps(g.Resources));
            if (group.Rules is null)
                groups.Add(([rule], new SortedSet<string>(rule.Resources, StringComparer.Ordinal)));
            else
            {
                group.Rules.Add(rule);
                group.Resources.UnionWith(rule.Resources);
            }
        }
        return groups.Select(g => new PositiveGroup(g.Rules.ToImmutableArray(), g.Resources.ToImmutableSortedSet(StringComparer.Ordinal))).ToImmutableArray();
    }
}
