using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class RedundantPairSameSite : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2024", "redundant-pair-same-site",
        "Members of a negative rule or redundancy group that can only run in one site",
        Severity.Warning, RuleCategory.HighAvailability,
        "Keeping redundant guests on different nodes does not help when the nodes they may use all sit in one site: a site failure (power, network, fire) takes every member at once. Strict node-affinity rules decide where a guest may run; when the allowed nodes of all members lie in one failure domain, the redundancy is only node-deep.",
        "Allow the members nodes in another site: widen their strict node-affinity rules (or make them non-strict), ideally one member per site.",
        "design", "site", "resource-affinity");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (FailureDomains.WholeClusterIsOne(model)) yield break;
        var rules = HaRuleSet.Evaluate(model);
        var reported = new List<HashSet<string>>();
        foreach (var negative in rules.NegativeRules.Where(r => r.Origin == HaRuleOrigin.RulesFile))
            if (Confined(model, rules, negative.Resources.ToList()) is { } finding)
            {
                reported.Add(negative.Resources.ToHashSet());
                yield return Report(negative.Span, $"Negative rule '{negative.Id}' keeps {finding.Message}", finding.Related);
            }
        foreach (var set in RedundantSets.Find(model))
        {
            var managed = set.Members.Where(sid => model.HaResource(sid) is not null).ToList();
            if (managed.Count < 2 || reported.Any(r => r.SetEquals(managed))) continue;
            if (Confined(model, rules, managed) is not { } finding) continue;
            var span = set.Span ?? model.HaResource(managed[0])!.Section.HeaderSpan;
            yield return Report(span, $"Redundant guests ({set.Why}): pvelint expects {finding.Message}", finding.Related) with { Subjects = [.. managed] };
        }
    }

    /// <summary>"x and y apart, but ..." when every member may only run in one failure domain.</summary>
    private static (string Message, IEnumerable<RelatedSpan> Related)? Confined(ClusterModel model, EffectiveHaRules rules, List<string> members)
    {
        if (members.Count < 2) return null;
        // Most members may run in several domains: Single stops at the first node of a second one, before any list is made.
        if (FailureDomains.Single(model, members.SelectMany(sid => FailureDomains.KnownLazily(model, rules.AllowedNodes(sid)))) is not { } domain) return null;
        var allowed = members.SelectMany(sid => FailureDomains.Known(model, rules.AllowedNodes(sid))).Distinct().Order(StringComparer.Ordinal).ToList();
        var strict = members.Select(rules.NodeAffinityOf).OfType<CompiledNodeAffinity>().Where(c => c.Strict).Select(c => c.Rule).Distinct().ToList();
        var message = $"{HaText.Resources(model, members)} apart, but their strict node-affinity {HaText.Plural(strict.Count, "rule", "rules")} {HaText.Quoted(strict.Select(r => r.Id))} "
                      + $"let{(strict.Count == 1 ? "s" : "")} them run only on {HaText.List(allowed)}, all in {domain}: when {domain} fails, every one of them is down at once and none can be recovered elsewhere."
                      + FailureDomains.Basis(model);
        return (message, HaText.RuleLocations(rules, strict.Select(r => r.Id), r => $"strict {r.Describe()}: nodes {HaText.NodesWithPriorities(r)}"));
    }
}
