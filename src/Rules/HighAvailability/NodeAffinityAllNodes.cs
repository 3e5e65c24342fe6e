using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class NodeAffinityAllNodes : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2022", "node-affinity-all-nodes",
        "A non-strict node-affinity rule with one priority that lists every node: it does nothing",
        Severity.Info, RuleCategory.HighAvailability,
        "A non-strict rule prefers its highest priority class; when that class holds every node, every node is preferred and the rule changes no placement. It still counts in the HA core's checks: the resource cannot be in another node-affinity rule (PVE2001), and a positive group around it may meet only this rule (PVE2006). Groups migrated from PVE 8 that listed every node become exactly such rules.",
        "Delete the rule, or give the preferred nodes a higher priority ('nodes pve1:2,pve2:2,pve3') if a preference was meant.",
        "design", "node-affinity");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var rules = HaRuleSet.Evaluate(model);
        if (rules.Nodes.IsEmpty) yield break;
        foreach (var rule in rules.Configured.Where(r => r.IsNodeAffinity && !r.Disabled && !r.Strict && !rules.IsDropped(r.Id)))
        {
            if (rule.HasMultiplePriorities || !rules.Nodes.All(rule.Nodes.ContainsKey)) continue;
            yield return Report(rule.Span,
                $"Non-strict {rule.Describe()} lists every node ({HaText.List(rules.Nodes)}) with one priority, so every node is equally preferred for {HaText.Resources(model, rule.Resources)}: the rule changes no placement, but still limits which other rules these resources may be in.");
        }
    }
}
