using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class NegativeAffinityNodeAffinityConflict : HaCoreCheckRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2007", "negative-affinity-node-affinity-conflict",
        "The node-affinity rules of a negative rule's resources allow fewer nodes than it has resources",
        Severity.Error, RuleCategory.HighAvailability,
        "Resources kept apart need a node each. pve-ha-manager adds up the nodes listed in the node-affinity rules of a negative rule's resources (strict or not, priorities ignored) and drops the negative rule and those node-affinity rules when there are fewer nodes than resources they hold (check_negative_resource_affinity_node_affinity_consistency).",
        "List at least as many nodes (better: one more) in the node-affinity rules of the resources kept apart, or take resources out of the negative rule.",
        "ha-core", "node-affinity", "resource-affinity");

    public override RuleMetadata Metadata => Meta;

    protected override FeasibilityCheck Drops => FeasibilityCheck.NegativeNodeAffinityConflict;

    protected override string Explain(ClusterModel model, EffectiveHaRules rules, DroppedRule dropped)
    {
        var negative = dropped.Rule.IsNegative ? dropped.Rule : rules.Configured.First(r => r.Id == dropped.ConflictingRules(Drops).First());
        var paired = rules.ConfiguredSharing(negative.Resources).Where(r => !r.Disabled && r.IsNodeAffinity).ToList();
        var located = paired.SelectMany(n => n.Resources.Where(negative.Resources.Contains)).Distinct().Order(StringComparer.Ordinal).ToList();
        var nodes = paired.SelectMany(n => n.Nodes.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        return $"negative rule '{negative.Id}' keeps {HaText.Resources(model, located)} apart, but node-affinity {HaText.Plural(paired.Count, "rule", "rules")} {HaText.Quoted(paired.Select(p => p.Id))} list{(paired.Count == 1 ? "s" : "")} only {HaText.Plural(nodes.Count, "node", "nodes")} {HaText.List(nodes)} for them ({nodes.Count} {HaText.Plural(nodes.Count, "node", "nodes")} for {located.Count} resources; the HA core counts the listed nodes of strict and non-strict rules alike).";
    }
}
