using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class ContradictoryResourceAffinity : HaCoreCheckRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2004", "contradictory-resource-affinity",
        "A positive group and a negative rule that share two or more resources",
        Severity.Error, RuleCategory.HighAvailability,
        "Two resources cannot be on the same node and on different nodes at once. pve-ha-manager drops the negative rule and every positive rule of the (greedily merged) positive group that shares two or more resources with it (check_inter_resource_affinity_rules_consistency), so neither intention holds any more.",
        "Decide which relation is meant: take the resources out of the positive rules or out of the negative rule. Remember that overlapping positive rules act as one group.",
        "ha-core", "resource-affinity");

    public override RuleMetadata Metadata => Meta;

    protected override FeasibilityCheck Drops => FeasibilityCheck.PositiveNegativeConflict;

    protected override string Explain(ClusterModel model, EffectiveHaRules rules, DroppedRule dropped)
    {
        var other = dropped.ConflictingRules(Drops).ToList();
        var others = other.Select(id => rules.Configured.First(r => r.Id == id)).ToList();
        var shared = others.SelectMany(o => o.Resources).Where(dropped.Rule.Resources.Contains).Distinct();
        if (dropped.Rule.IsNegative)
        {
            var group = other.Count > 1 ? ", which overlap and which the HA core treats as one group," : "";
            return $"it keeps {HaText.Resources(model, shared)} apart, but positive {HaText.Plural(other.Count, "rule", "rules")} {HaText.Quoted(other)}{group} keep{(other.Count == 1 ? "s" : "")} them together.";
        }
        var partners = rules.Release.ChecksUseMergedPositiveGroups
            ? PositiveGroups.Find(rules.Configured.Where(p => !p.Disabled && p.IsPositive)).Single(g => g.RuleIds.Contains(dropped.Id)).RuleIds.Where(id => id != dropped.Id).ToList()
            : [];
        var together = partners.Count > 0 ? $" (with overlapping positive {HaText.Plural(partners.Count, "rule", "rules")} {HaText.Quoted(partners)}, which the HA core treats as one group)" : "";
        return $"it keeps {HaText.Resources(model, shared)} together{together}, but negative {HaText.Plural(other.Count, "rule", "rules")} {HaText.Quoted(other)} keep{(other.Count == 1 ? "s" : "")} them apart.";
    }
}
