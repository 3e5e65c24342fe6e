using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class NegativeAffinityWithoutHeadroom : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2019", "negative-affinity-without-headroom",
        "A negative rule with as many resources as the nodes they may use",
        Severity.Warning, RuleCategory.HighAvailability,
        "A negative rule needs a free node for every member it has to recover: with as many members as allowed nodes, every node already holds a member, so when one node fails its member has nowhere to go that is not next to a partner. The CRM keeps it in recovery until the node returns (reference test-resource-affinity-strict-negative*). The HA core accepts the rule (it only drops rules with more members than nodes, PVE2003/PVE2007).",
        "Leave at least one node more than members: add a node (or allow one more node in the members' strict node-affinity rules), or split the rule.",
        "design", "resource-affinity");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var rules = HaRuleSet.Evaluate(model);
        foreach (var rule in rules.NegativeRules.Where(r => r.Origin == HaRuleOrigin.RulesFile))
        {
            if (HasSpareNode(model, rules, rule)) continue;
            var allowed = rule.Resources.SelectMany(sid => FailureDomains.Known(model, rules.AllowedNodes(sid))).Distinct().Order(StringComparer.Ordinal).ToList();
            if (allowed.Count == 0) continue;
            var why = allowed.Count == rules.Nodes.Length ? "the cluster has" : "their strict node-affinity rules allow";
            yield return Report(rule.Span,
                $"Negative rule '{rule.Id}' keeps {rule.Resources.Count} resources apart ({HaText.Resources(model, rule.Resources)}) and {why} only {allowed.Count} nodes for them ({HaText.List(allowed)}): "
                + "every node holds one of them, so when a node fails its member finds no node without a partner and stays in recovery until that node returns.");
        }
    }

    /// <summary>
    /// Whether the members may use more nodes than there are members, counted only until that is so: most rules
    /// allow every node, and the list of them is only made for a finding.
    /// </summary>
    private static bool HasSpareNode(ClusterModel model, EffectiveHaRules rules, HaRuleDefinition rule)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sid in rule.Resources)
            foreach (var node in FailureDomains.KnownLazily(model, rules.AllowedNodes(sid)))
                if (allowed.Add(node) && allowed.Count > rule.Resources.Count) return true;
        return false;
    }
}
