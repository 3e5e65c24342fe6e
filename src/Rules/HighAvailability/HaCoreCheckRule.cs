using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

/// <summary>
/// A rule that reports one of the HA core's own feasibility checks before deployment (PVE2001–PVE2007): one finding
/// per rule the check drops, at the rule's header (rules.cfg, or the group in groups.cfg for a migrated group),
/// with the rules it conflicts with as related locations, what the CRM does without it, and the CRM's log line.
/// The drops come from <see cref="HaRuleSet"/> for the model's target release.
/// </summary>
public abstract class HaCoreCheckRule : Rule
{
    protected abstract FeasibilityCheck Drops { get; }

    /// <summary>Why this check drops the rule, naming the resources, nodes and other rules.</summary>
    protected abstract string Explain(ClusterModel model, EffectiveHaRules rules, DroppedRule dropped);

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var rules = HaRuleSet.Evaluate(model);
        foreach (var dropped in rules.Dropped)
        {
            var reasons = dropped.ReasonsOf(Drops).ToList();
            if (reasons.Count == 0) continue;
            var message = $"{Capitalize(dropped.Rule.Describe())} is dropped by the HA core: {Explain(model, rules, dropped)} "
                          + HaText.WithoutRule(model, dropped.Rule) + " " + HaText.LogQuote(dropped, reasons);
            var related = HaText.RuleLocations(rules, dropped.ConflictingRules(Drops), r => $"conflicting {r.Describe()}"
                + (rules.IsDropped(r.Id) ? " (dropped too)" : ""));
            yield return Report(dropped.Rule.Span, message, related);
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
