using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

/// <summary>How the HA rules name resources, rules and nodes in their messages.</summary>
internal static class HaText
{
    private const int MaxListed = 6;

    /// <summary><c>vm:101 (dc01)</c> when the guest's config names it, else the resource id.</summary>
    public static string Resource(ClusterModel model, string sid) => GuestOf(model, sid)?.Name?.Value is { } name ? $"{sid} ({name})" : sid;

    /// <summary>The guest a resource id names (<c>vm:101</c> → guest 101, of either kind), if its config was scanned.</summary>
    public static Guest? GuestOf(ClusterModel model, string sid)
    {
        var colon = sid.IndexOf(':');
        return colon > 0 && int.TryParse(sid.AsSpan(colon + 1), out var id) ? model.GuestById(id) : null;
    }

    public static string Resources(ClusterModel model, IEnumerable<string> sids) => List(sids.Select(s => Resource(model, s)));

    /// <summary>"a", "a and b", "a, b and c" (long lists end in "and N more").</summary>
    public static string List(IEnumerable<string> items) => List(items as IReadOnlyList<string> ?? items.ToList());

    /// <summary>"a", "a and b", "a, b and c" (long lists end in "and N more").</summary>
    public static string List(IReadOnlyList<string> items) => MessageLists.Join(items, items.Count, MaxListed, andBeforeLast: true);

    public static string Quoted(IEnumerable<string> ids) => List(ids.Select(i => $"'{i}'"));

    public static string Plural(int count, string one, string many) => count == 1 ? one : many;

    /// <summary>A node list with priorities as written (<c>pve1:2, pve2</c>).</summary>
    public static string NodesWithPriorities(HaRuleDefinition rule) =>
        string.Join(", ", rule.Nodes.Select(n => n.Value == 0 ? n.Key : $"{n.Key}:{n.Value}"));

    /// <summary>Related locations: the header of each named rule the model has a line for.</summary>
    public static IEnumerable<RelatedSpan> RuleLocations(EffectiveHaRules rules, IEnumerable<string> ids, Func<HaRuleDefinition, string> why)
    {
        foreach (var id in ids)
            if (rules.Configured.FirstOrDefault(r => r.Id == id) is { Span: { } span } rule)
                yield return new RelatedSpan(span, why(rule));
    }

    /// <summary>What the CRM does once it has dropped the rule.</summary>
    public static string WithoutRule(ClusterModel model, HaRuleDefinition rule) => rule switch
    {
        { IsNodeAffinity: false, Resources.Count: < 2 } => "It has no effect anyway.",
        { IsNodeAffinity: true } => $"Without it the CRM places {Resources(model, rule.Resources)} on any node{(rule.Strict ? ", although the rule was strict" : "")}.",
        { IsPositive: true } => $"Without it the CRM no longer keeps {Resources(model, rule.Resources)} together.",
        _ => $"Without it the CRM may put {Resources(model, rule.Resources)} on the same node, where one node failure takes them all.",
    };

    /// <summary>The CRM's own log lines for these reasons, quoted once each.</summary>
    public static string LogQuote(DroppedRule dropped, IEnumerable<DropReason> reasons) =>
        "The CRM logs: " + string.Join(" ", reasons.Select(r => r.Message).Distinct().Select(m => $"\"{FeasibilityMessages.LogLine(dropped.Id, m)}\""));
}
