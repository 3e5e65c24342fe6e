using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class ResourceAffinityTooFewResources : HaCoreCheckRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2002", "resource-affinity-too-few-resources",
        "A resource-affinity rule with fewer than two resources: the HA core drops it",
        Severity.Error, RuleCategory.HighAvailability,
        "A resource-affinity rule relates resources to each other; with one resource there is nothing to keep together or apart. pve-ha-manager drops such a rule (check_resource_affinity_resources_count) and only logs it, so the intended partner is not protected.",
        "Add the partner resources the rule was meant for, or delete the rule.",
        "ha-core", "resource-affinity");

    public override RuleMetadata Metadata => Meta;

    protected override FeasibilityCheck Drops => FeasibilityCheck.TooFewResources;

    protected override string Explain(ClusterModel model, EffectiveHaRules rules, DroppedRule dropped) =>
        dropped.Rule.Resources.Count == 0
            ? "it names no resource, and a resource-affinity rule needs at least two."
            : $"it names only {HaText.Resource(model, dropped.Rule.Resources.Min!)}, and a resource-affinity rule needs at least two resources.";
}
