using System.Collections.Immutable;
using PveLint.Model;
using static PveLint.Analysis.HighAvailability.Rules.FeasibilityMessages;

namespace PveLint.Analysis.HighAvailability.Rules;

/// <summary>
/// pve-ha-manager's <c>check_feasibility</c> (Rules.pm, Rules/NodeAffinity.pm, Rules/ResourceAffinity.pm;
/// reference/pve-ha-manager.md §2.1–2.2): every check runs on the same set of enabled rules (a rule one check drops
/// still counts for the next ones), and every rule any check blames is dropped. Within a check the conflicts are
/// sorted as upstream sorts them, so each rule's reasons come in the CRM's log order.
/// </summary>
public static class FeasibilityChecker
{
    /// <param name="rules">All rules (disabled ones are ignored, as <c>exclude_disabled_rules</c> does).</param>
    /// <param name="nodeCount">The number of nodes the CRM knows (online or not).</param>
    public static ImmutableArray<DroppedRule> Check(IEnumerable<HaRuleDefinition> rules, int nodeCount, HaCoreRelease release)
    {
        var enabled = rules.Where(r => !r.Disabled).ToList();
        var nodeAffinity = enabled.Where(r => r.IsNodeAffinity).ToList();
        var resourceAffinity = enabled.Where(r => !r.IsNodeAffinity).ToList();
        var positive = resourceAffinity.Where(r => r.IsPositive).ToList();
        var negative = resourceAffinity.Where(r => r.IsNegative).ToList();
        var positiveGroups = release.ChecksUseMergedPositiveGroups
            ? PositiveGroups.Find(positive)
            : positive.Select(p => new PositiveGroup([p], p.Resources)).ToImmutableArray();

        var reasons = new Dictionary<string, List<DropReason>>(StringComparer.Ordinal);
        var byId = enabled.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var nodeAffinityByResource = new ResourceIndex<HaRuleDefinition>(nodeAffinity, r => r.Resources);
        void Blame(IEnumerable<(string Type, string Id, DropReason Reason)> conflicts)
        {
            // Upstream sorts each check's conflicts by (type, id) before it collects them.
            foreach (var (_, id, reason) in conflicts.OrderBy(c => c.Type, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal))
            {
                if (!reasons.TryGetValue(id, out var list)) reasons[id] = list = [];
                list.Add(reason);
            }
        }

        Blame(SingleResourceReference(nodeAffinity, nodeAffinityByResource));
        Blame(resourceAffinity.Where(r => r.Resources.Count < 2)
            .Select(r => ("", r.Id, new DropReason(FeasibilityCheck.TooFewResources, TooFewResources, []))));
        Blame(negative.Where(r => r.Resources.Count > nodeCount)
            .Select(r => ("", r.Id, new DropReason(FeasibilityCheck.NegativeExceedsNodes, NegativeExceedsNodes, []))));
        Blame(PositiveNegativeConsistency(positiveGroups, negative));
        Blame(SinglePriorityNodeAffinity(resourceAffinity, nodeAffinityByResource));
        Blame(SingleNodeAffinityPerPositiveGroup(positiveGroups, nodeAffinityByResource));
        Blame(NegativeNodeAffinityConsistency(negative, nodeAffinityByResource));

        return reasons.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new DroppedRule(byId[kv.Key], kv.Value.ToImmutableArray()))
            .ToImmutableArray();
    }

    private static IEnumerable<string> Ids(IEnumerable<HaRuleDefinition> rules) => rules.Select(r => r.Id).Order(StringComparer.Ordinal);

    /// <summary>C1: a resource in two or more node-affinity rules blames every one of them, once per shared resource.</summary>
    private static IEnumerable<(string, string, DropReason)> SingleResourceReference(List<HaRuleDefinition> nodeAffinity, ResourceIndex<HaRuleDefinition> byResource)
    {
        foreach (var sid in nodeAffinity.SelectMany(r => r.Resources).Distinct())
        {
            var holders = byResource.Holding(sid);
            if (holders.Count < 2) continue;
            foreach (var rule in holders)
                // Upstream sorts by (rule id, sid): per rule, the reasons come in sid order.
                yield return (sid, rule.Id, new DropReason(FeasibilityCheck.ResourceInSeveralNodeAffinityRules, ResourceAlreadyUsed(sid),
                    Ids(holders.Where(h => h != rule)).ToImmutableArray(), sid));
        }
    }

    /// <summary>C4: a positive group and a negative rule sharing two or more resources blame the negative rule and every positive rule of the group.</summary>
    private static IEnumerable<(string, string, DropReason)> PositiveNegativeConsistency(ImmutableArray<PositiveGroup> groups, List<HaRuleDefinition> negative)
    {
        foreach (var group in groups)
            foreach (var rule in negative)
            {
                if (group.Resources.Count(rule.Resources.Contains) < 2) continue;
                yield return ("negative", rule.Id, new DropReason(FeasibilityCheck.PositiveNegativeConflict, NegativeSharesWithPositive, Ids(group.Rules).ToImmutableArray()));
                foreach (var p in group.Rules)
                    yield return ("positive", p.Id, new DropReason(FeasibilityCheck.PositiveNegativeConflict, PositiveSharesWithNegative, [rule.Id]));
            }
    }

    /// <summary>C5: a resource-affinity rule sharing a resource with a node-affinity rule of several priorities blames it and every node-affinity rule it shares resources with.</summary>
    private static IEnumerable<(string, string, DropReason)> SinglePriorityNodeAffinity(List<HaRuleDefinition> resourceAffinity, ResourceIndex<HaRuleDefinition> nodeAffinity)
    {
        foreach (var rule in resourceAffinity)
        {
            var paired = nodeAffinity.Sharing(rule.Resources);
            if (!paired.Any(n => n.HasMultiplePriorities)) continue;
            yield return ("resource-affinity", rule.Id, new DropReason(FeasibilityCheck.MultiPriorityNodeAffinity, ResourceAffinityWithMultiPriority, Ids(paired).ToImmutableArray()));
            foreach (var n in paired)
                yield return ("node-affinity", n.Id, new DropReason(FeasibilityCheck.MultiPriorityNodeAffinity, NodeAffinityWithMultiPriorityInResourceAffinity, [rule.Id]));
        }
    }

    /// <summary>C6: a positive group sharing resources with more than one node-affinity rule blames its positive rules and all those node-affinity rules.</summary>
    private static IEnumerable<(string, string, DropReason)> SingleNodeAffinityPerPositiveGroup(ImmutableArray<PositiveGroup> groups, ResourceIndex<HaRuleDefinition> nodeAffinity)
    {
        foreach (var group in groups)
        {
            var paired = nodeAffinity.Sharing(group.Resources);
            if (paired.Count < 2) continue;
            foreach (var p in group.Rules)
                yield return ("positive", p.Id, new DropReason(FeasibilityCheck.PositiveGroupInSeveralNodeAffinityRules, PositiveInSeveralNodeAffinityRules, Ids(paired).ToImmutableArray()));
            foreach (var n in paired)
                yield return ("node-affinity", n.Id, new DropReason(FeasibilityCheck.PositiveGroupInSeveralNodeAffinityRules, NodeAffinityWithOtherPositiveMembers,
                    Ids(group.Rules).Concat(Ids(paired.Where(o => o != n))).ToImmutableArray()));
        }
    }

    /// <summary>
    /// C7: for a negative rule, the union of the declared nodes of the node-affinity rules that hold its resources
    /// (strict or not, priorities ignored) is smaller than the number of its resources those rules hold.
    /// </summary>
    private static IEnumerable<(string, string, DropReason)> NegativeNodeAffinityConsistency(List<HaRuleDefinition> negative, ResourceIndex<HaRuleDefinition> nodeAffinity)
    {
        foreach (var rule in negative)
        {
            var paired = nodeAffinity.Sharing(rule.Resources);
            // Counted with loops: a large cluster has thousands of negative rules, each paired with a rule or two.
            var located = 0; // the rule's resources that a node-affinity rule places
            foreach (var sid in rule.Resources)
                foreach (var n in paired)
                    if (n.Resources.Contains(sid))
                    {
                        located++;
                        break;
                    }
            var allowed = paired.Count == 1 ? paired[0].Nodes.Count : paired.SelectMany(n => n.Nodes.Keys).Distinct().Count();
            if (allowed >= located) continue;
            yield return ("negative", rule.Id, new DropReason(FeasibilityCheck.NegativeNodeAffinityConflict, NegativeRestrictedToFewerNodes, Ids(paired).ToImmutableArray()));
            foreach (var n in paired)
                yield return ("node-affinity", n.Id, new DropReason(FeasibilityCheck.NegativeNodeAffinityConflict, NodeAffinityRestrictsNegative, [rule.Id]));
        }
    }
}
