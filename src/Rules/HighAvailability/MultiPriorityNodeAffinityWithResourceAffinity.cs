using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class MultiPriorityNodeAffinityWithResourceAffinity : HaCoreCheckRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2005", "multi-priority-node-affinity-with-resource-affinity",
        "A resource-affinity rule sharing resources with a node-affinity rule that has several priorities",
        Severity.Error, RuleCategory.HighAvailability,
        "Which priority class of a node-affinity rule applies depends on the nodes online at run time, so the HA core cannot prove a resource-affinity rule feasible next to it. pve-ha-manager drops the resource-affinity rule and every node-affinity rule it shares a resource with (check_single_priority_node_affinity_in_resource_affinity_rules) as soon as one of them uses more than one priority.",
        "Give the node-affinity rules of resources in resource-affinity rules a single priority (list the nodes without ':prio', or all with the same one), or take those resources out of the resource-affinity rule.",
        "ha-core", "node-affinity", "resource-affinity");

    public override RuleMetadata Metadata => Meta;

    protected override FeasibilityCheck Drops => FeasibilityCheck.MultiPriorityNodeAffinity;

    protected override string Explain(ClusterModel model, EffectiveHaRules rules, DroppedRule dropped)
    {
        var others = dropped.ConflictingRules(Drops).Select(id => rules.Configured.First(r => r.Id == id)).ToList();
        if (dropped.Rule.IsNodeAffinity)
        {
            var multi = dropped.Rule.HasMultiplePriorities ? $"it uses several priorities ({HaText.NodesWithPriorities(dropped.Rule)}) and" : "it";
            return $"{multi} shares {HaText.Resources(model, others.SelectMany(o => o.Resources).Where(dropped.Rule.Resources.Contains).Distinct())} with resource-affinity {HaText.Plural(others.Count, "rule", "rules")} {HaText.Quoted(others.Select(o => o.Id))}, whose resources may only be in node-affinity rules of a single priority.";
        }
        var culprits = others.Where(o => o.HasMultiplePriorities).Select(o => $"'{o.Id}' ({HaText.NodesWithPriorities(o)})");
        var shared = others.SelectMany(o => o.Resources).Where(dropped.Rule.Resources.Contains).Distinct().ToList();
        return $"{HaText.Resources(model, shared)} {HaText.Plural(shared.Count, "is", "are")} in node-affinity {HaText.Plural(others.Count, "rule", "rules")} {HaText.Quoted(others.Select(o => o.Id))}, and {HaText.List(culprits)} {HaText.Plural(others.Count(o => o.HasMultiplePriorities), "uses", "use")} several priorities.";
    }
}
