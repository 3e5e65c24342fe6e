using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class UnmergedPositiveRules : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2008", "unmerged-positive-rules",
        "Overlapping positive rules that the HA core's single greedy merge leaves separate",
        Severity.Warning, RuleCategory.HighAvailability,
        "pve-ha-manager merges overlapping positive rules in one greedy pass (rules sorted by their lowest resource id, each joining the first group it overlaps), not by transitive closure. Rules linked only through a later rule stay separate groups that share resources: the consistency checks look at each group alone, and which node-affinity rule the groups follow can depend on Perl's hash order, i.e. change when the CRM restarts.",
        "Write one positive rule for all resources that must stay together instead of a chain of overlapping rules.",
        "ha-core", "resource-affinity");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var rules = HaRuleSet.Evaluate(model);
        var groups = rules.PositiveRules.ToList();
        for (var i = 0; i < groups.Count; i++)
            for (var j = 0; j < i; j++)
            {
                var (later, earlier) = (groups[i], groups[j]);
                var shared = later.Resources.Intersect(earlier.Resources).ToList();
                if (shared.Count == 0) continue;
                var laterRules = Members(later);
                var earlierRules = Members(earlier);
                var hashOrder = rules.DependsOnHashOrder
                    ? " The node-affinity rule these resources follow then depends on Perl's hash order, so it can change whenever the CRM restarts."
                    : "";
                var message = $"{char.ToUpperInvariant(Group(laterRules)[0])}{Group(laterRules)[1..]} and {Group(earlierRules)} share {HaText.Resources(model, shared)}, "
                              + $"but the HA core's single greedy merge keeps them as two groups, {{{HaText.Resources(model, later.Resources)}}} and {{{HaText.Resources(model, earlier.Resources)}}}: "
                              + "each is checked and placed on its own, not as one set of resources kept together." + hashOrder;
                var span = laterRules.Select(id => rules.Configured.First(r => r.Id == id).Span).FirstOrDefault(s => s is not null);
                yield return Report(span, message, HaText.RuleLocations(rules, earlierRules.Concat(laterRules.Skip(1)), r => $"overlapping {r.Describe()}"));
            }
    }

    private static string Group(List<string> ids) => ids.Count == 1 ? $"positive rule '{ids[0]}'" : $"the merged positive rules {HaText.Quoted(ids)}";

    private static List<string> Members(HaRuleDefinition rule) => rule.Origin == HaRuleOrigin.MergedPositive ? [.. rule.MadeFrom] : [rule.Id];
}
