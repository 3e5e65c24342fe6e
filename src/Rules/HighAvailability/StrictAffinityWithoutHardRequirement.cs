using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class StrictAffinityWithoutHardRequirement : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2011", "strict-affinity-without-hard-requirement",
        "Strict node affinity for guests that nothing ties to those nodes",
        Severity.Info, RuleCategory.HighAvailability,
        "A strict node-affinity rule trades availability for placement: when its nodes are gone, its guests stay down. That is the right trade for a guest with a passthrough device, a disk on local storage or a licence bound to the hardware. For any other guest a non-strict rule gives the same placement in normal operation and still recovers the guest elsewhere.",
        "Remove 'strict 1' (a non-strict rule prefers the same nodes). If a licence or dongle binds the guest to these nodes, tag the guest 'license' (or 'dongle') so pvelint knows.",
        "design", "node-affinity");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var rules = HaRuleSet.Evaluate(model);
        foreach (var rule in rules.NodeAffinityRules.Where(r => r.Strict))
        {
            var guests = rule.Resources.Select(sid => HaText.GuestOf(model, sid)).ToList();
            // Without every guest's config pvelint cannot tell what ties them to the nodes.
            if (guests.Any(g => g is null) || guests.Any(g => GuestLocality.HardRequirement(model, g!) is not null)) continue;
            var strictLine = (rule.Rule?.Section ?? rule.Group?.Section)?.Properties.GetValueOrDefault(rule.Group is null ? "strict" : "restricted")?.Key.Span;
            var message = $"Strict {rule.Describe()} keeps {HaText.Resources(model, rule.Resources)} off every node but {HaText.List(rule.Nodes.Keys)}, "
                          + $"although {(guests.Count == 1 ? "nothing in its config needs" : "none of them needs")} those nodes (no passthrough or local device, no disk on local storage, no licence tag): "
                          + $"when those nodes are down, {HaText.Plural(guests.Count, "the guest stays", "the guests stay")} down. A non-strict rule prefers the same nodes and still recovers {HaText.Plural(guests.Count, "it", "them")} elsewhere.";
            yield return Report(strictLine ?? rule.Span, message);
        }
    }
}
