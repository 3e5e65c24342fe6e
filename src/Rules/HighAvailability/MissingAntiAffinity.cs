using System.Collections.Immutable;
using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class MissingAntiAffinity : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2009", "missing-anti-affinity",
        "Redundant guests with no negative resource-affinity rule keeping them apart",
        Severity.Warning, RuleCategory.HighAvailability,
        "Two domain controllers, two load balancers or a primary and its replica only protect each other when they run on different nodes. Without a negative resource-affinity rule the CRM places, rebalances and recovers each of them on its own: after a failover or a maintenance they can end up on one node, and the next node failure takes the whole service down.",
        "Add a negative resource-affinity rule with the redundant resources (the finding's fix writes one into rules.cfg). If pvelint guessed wrong from the names, suppress the finding with a reason, or list your real redundant sets under 'redundancy-groups:' in .pvelint.yaml, which also stops the guessing.",
        "design", "resource-affinity");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var rules = HaRuleSet.Evaluate(model);
        foreach (var set in RedundantSets.Find(model))
        {
            var managed = set.Members.Where(sid => model.HaResource(sid) is not null).ToList();
            var together = Pairs(managed).Where(p => !rules.NegativePartners(p.A).Contains(p.B)).ToList();
            if (together.Count == 0) continue;
            var unprotected = together.SelectMany(p => new[] { p.A, p.B }).Distinct().ToList();

            var message = (set.IsGuess
                              ? $"{HaText.Resources(model, unprotected)} look like redundant instances of one service: {set.Why}. "
                              : $"{HaText.Resources(model, unprotected)} are redundant: {set.Why}. ")
                          + $"No negative resource-affinity rule keeps {(together.Count == Pairs(unprotected).Count() ? "them" : HaText.List(together.Select(p => $"{p.A} and {p.B}")))} apart, "
                          + "so the CRM may place, rebalance or recover them onto one node, and one node failure then takes the whole service down."
                          + SameNodeNow(model, unprotected) + NotInEffect(model, rules, unprotected) + NotManaged(model, set, managed)
                          + (set.IsGuess ? " pvelint guessed this from the names; if they are not redundant, suppress this finding with a reason, or list your redundant sets under 'redundancy-groups:' in .pvelint.yaml (pvelint then stops guessing from names)." : "");
            var first = model.HaResource(unprotected[0])!;
            var span = set.Span ?? first.Section.HeaderSpan;
            var related = unprotected.Skip(set.Span is null ? 1 : 0).Select(sid => new RelatedSpan(model.HaResource(sid)!.Section.HeaderSpan, $"HA resource {HaText.Resource(model, sid)}"));
            yield return Report(span, message, related, AddNegativeRule(model, set, unprotected)) with { Subjects = [.. unprotected] };
        }
    }

    private static IEnumerable<(string A, string B)> Pairs(List<string> sids)
    {
        for (var i = 0; i < sids.Count; i++)
            for (var j = i + 1; j < sids.Count; j++)
                yield return (sids[i], sids[j]);
    }

    private static string SameNodeNow(ClusterModel model, List<string> sids)
    {
        var shared = sids.Select(s => HaText.GuestOf(model, s)).OfType<Guest>().GroupBy(g => g.Node).FirstOrDefault(g => g.Count() > 1);
        return shared is null ? "" : $" Right now {HaText.List(shared.Select(g => g.Sid))} are {(shared.Count() == 2 ? "both" : "all")} configured on node {shared.Key}.";
    }

    /// <summary>Negative rules that would keep some of them apart but that are disabled or dropped.</summary>
    private static string NotInEffect(ClusterModel model, EffectiveHaRules rules, List<string> sids)
    {
        var notes = rules.ConfiguredSharing(sids).Where(r => r.IsNegative && r.Resources.Count(sids.Contains) >= 2 && (r.Disabled || rules.IsDropped(r.Id)))
            .Select(r => r.Disabled ? $"negative rule '{r.Id}' would, but it is disabled" : $"negative rule '{r.Id}' would, but the HA core drops it ({string.Join(", ", rules.DroppedRule(r.Id)!.Checks.Select(CheckRuleId))})")
            .ToList();
        return notes.Count == 0 ? "" : " (" + string.Join("; ", notes) + ")";
    }

    private static string CheckRuleId(FeasibilityCheck check) => $"PVE200{(int)check}";

    private static string NotManaged(ClusterModel model, RedundantSet set, List<string> managed)
    {
        var others = set.Members.Where(s => !managed.Contains(s)).ToList();
        return others.Count == 0 ? "" : $" {HaText.Resources(model, others)} {HaText.Plural(others.Count, "is", "are")} not HA-managed, so no HA rule can place {HaText.Plural(others.Count, "it", "them")}.";
    }

    /// <summary>Appends a negative rule for the resources to rules.cfg (when the scan holds one).</summary>
    private static Fix? AddNegativeRule(ClusterModel model, RedundantSet set, List<string> sids)
    {
        var ruleId = RuleId(set.Name + "-apart", model);
        var section = $"resource-affinity: {ruleId}\n\taffinity negative\n\tresources {string.Join(',', sids.Order(StringComparer.Ordinal))}\n";
        return RulesFileEdit.Append(model, section, $"add negative resource-affinity rule '{ruleId}' for {string.Join(", ", sids)}");
    }

    /// <summary>A valid rule id (pve-configid) not used yet.</summary>
    private static string RuleId(string wanted, ClusterModel model)
    {
        var id = new string(wanted.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()).Trim('-');
        if (id.Length < 2 || !char.IsAsciiLetter(id[0])) id = "redundant-" + id;
        var used = model.Ha.Rules.Select(r => r.Id.Value).ToHashSet(StringComparer.Ordinal);
        var candidate = id;
        for (var n = 2; used.Contains(candidate); n++) candidate = $"{id}-{n}";
        return candidate;
    }
}
