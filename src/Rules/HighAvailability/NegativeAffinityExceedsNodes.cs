using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class NegativeAffinityExceedsNodes : HaCoreCheckRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2003", "negative-affinity-exceeds-nodes",
        "A negative resource-affinity rule with more resources than the cluster has nodes",
        Severity.Error, RuleCategory.HighAvailability,
        "Resources kept apart need one node each. pve-ha-manager drops a negative rule with more resources than the nodes the CRM knows (check_negative_resource_affinity_resources_count; offline nodes count), so none of its resources is kept apart any more.",
        "Split the rule into rules of at most as many resources as there are nodes (better: one fewer, so a node can fail; see PVE2019), or add nodes.",
        "ha-core", "resource-affinity");

    public override RuleMetadata Metadata => Meta;

    protected override FeasibilityCheck Drops => FeasibilityCheck.NegativeExceedsNodes;

    protected override string Explain(ClusterModel model, EffectiveHaRules rules, DroppedRule dropped) =>
        $"it keeps {dropped.Rule.Resources.Count} resources apart, but the CRM knows only {rules.Nodes.Length} {HaText.Plural(rules.Nodes.Length, "node", "nodes")} ({HaText.List(rules.Nodes)}): {dropped.Rule.Resources.Count} > {rules.Nodes.Length}.";
}
