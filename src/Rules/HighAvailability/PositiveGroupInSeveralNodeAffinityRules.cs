using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class PositiveGroupInSeveralNodeAffinityRules : HaCoreCheckRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2006", "positive-group-in-several-node-affinity-rules",
        "A positive group whose resources are in more than one node-affinity rule",
        Severity.Error, RuleCategory.HighAvailability,
        "Resources kept together must share one node, so the HA core accepts at most one node-affinity rule for all resources of a (greedily merged) positive group. pve-ha-manager drops every positive rule of the group and all node-affinity rules its resources are in (check_single_node_affinity_per_positive_resource_affinity_rule).",
        "Put the resources of the positive group into one node-affinity rule (or into none), instead of one rule per resource.",
        "ha-core", "node-affinity", "resource-affinity");

    public override RuleMetadata Metadata => Meta;

    protected override FeasibilityCheck Drops => FeasibilityCheck.PositiveGroupInSeveralNodeAffinityRules;

    protected override string Explain(ClusterModel model, EffectiveHaRules rules, DroppedRule dropped)
    {
        var others = dropped.ConflictingRules(Drops).Select(id => rules.Configured.First(r => r.Id == id)).ToList();
        var nodeAffinity = others.Where(o => o.IsNodeAffinity).Append(dropped.Rule).Where(r => r.IsNodeAffinity).Select(r => r.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        var positives = others.Where(o => o.IsPositive).Append(dropped.Rule).Where(r => r.IsPositive).Select(r => r.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        var members = others.Append(dropped.Rule).Where(r => r.IsPositive).SelectMany(r => r.Resources).Distinct().Order(StringComparer.Ordinal);
        return $"positive {HaText.Plural(positives.Count, "rule", "rules")} {HaText.Quoted(positives)} keep{(positives.Count == 1 ? "s" : "")} {HaText.Resources(model, members)} together, but these resources are in {nodeAffinity.Count} node-affinity rules ({HaText.Quoted(nodeAffinity)}), and a positive group may meet only one.";
    }
}
