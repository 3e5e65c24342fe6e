using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class ResourceInSeveralNodeAffinityRules : HaCoreCheckRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2001", "resource-in-several-node-affinity-rules",
        "A resource in two or more node-affinity rules: the HA core drops every one of them",
        Severity.Error, RuleCategory.HighAvailability,
        "pve-ha-manager allows one node-affinity rule per resource (check_single_resource_reference). When the CRM compiles the rules it drops every node-affinity rule that shares a resource with another one, and only logs it: all of them stop applying, also for their other resources, and the admin finds out during an outage.",
        "Put each resource in exactly one node-affinity rule: merge the rules, or take the resource out of all but one. A groups.cfg group the HA core migrates counts as a node-affinity rule too.",
        "ha-core", "node-affinity");

    public override RuleMetadata Metadata => Meta;

    protected override FeasibilityCheck Drops => FeasibilityCheck.ResourceInSeveralNodeAffinityRules;

    protected override string Explain(ClusterModel model, EffectiveHaRules rules, DroppedRule dropped) =>
        string.Join(" ", dropped.ReasonsOf(Drops).Select(r =>
            $"{HaText.Resource(model, r.Resource!)} is also in node-affinity {HaText.Plural(r.ConflictingRules.Length, "rule", "rules")} {HaText.Quoted(r.ConflictingRules)}, and the HA core drops every node-affinity rule that names a resource another one names."));
}
