using System.Collections.Immutable;
using PveLint.Text;

namespace PveLint.Rules.Engine;

/// <summary>
/// Which rules report, from <c>--select</c>/<c>--ignore</c> and <c>select:</c>/<c>ignore:</c> of .pvelint.yaml.
/// Each entry is a rule id (PVE2003), a rule name (negative-affinity-exceeds-nodes) or an id prefix (PVE2, PVE20),
/// case-insensitive. A rule reports when no select list is given or an entry of it matches, and no ignore entry
/// matches: ignore wins over select (as in ruff), so <c>--select PVE2 --ignore PVE2011</c> runs PVE2xxx but PVE2011.
/// </summary>
public sealed record RuleSelection(ImmutableArray<string> Select, ImmutableArray<string> Ignore)
{
    public static RuleSelection All { get; } = new([], []);

    public bool IsAll => Select.IsEmpty && Ignore.IsEmpty;

    public bool Includes(string ruleId) =>
        (Select.IsEmpty || Select.Any(p => Matches(p, ruleId))) && !Ignore.Any(p => Matches(p, ruleId));

    /// <summary>True when the entry is a catalogued id or name, or the prefix of at least one catalogued id.</summary>
    public static bool IsKnown(string entry) => KnownIds.Any(id => Matches(entry, id));

    /// <summary>For an unknown entry: the nearest id, name or prefix ("PVE2O03" → PVE2003), else null.</summary>
    public static string? Suggestion(string entry)
    {
        var key = entry.Trim();
        var prefixes = KnownIds.SelectMany(id => Enumerable.Range(4, id.Length - 4).Select(n => id[..n])).Distinct();
        var names = RuleCatalogue.Entries.Select(e => e.Name).Concat(RuleRegistry.Metadata.Select(m => m.Name));
        return EditDistance.Closest(key, KnownIds.Concat(names).Concat(prefixes).Distinct(StringComparer.Ordinal));
    }

    /// <summary>" (did you mean PVE2003?)" for a near miss, else empty: appended to the message about an unknown entry.</summary>
    public static string DidYouMean(string entry) => Suggestion(entry) is { } near ? $" (did you mean {near}?)" : "";

    /// <summary>An id matches an entry that is its name, itself, or a prefix of it made of "PVE" and digits.</summary>
    public static bool Matches(string entry, string ruleId)
    {
        var key = entry.Trim();
        if (string.Equals(key, ruleId, StringComparison.OrdinalIgnoreCase)) return true;
        if (IsIdPrefix(key)) return ruleId.StartsWith(key, StringComparison.OrdinalIgnoreCase);
        return NameToId.TryGetValue(key, out var id) && id == ruleId;
    }

    private static bool IsIdPrefix(string key) =>
        key.Length is >= 3 and < 7 && key.StartsWith("PVE", StringComparison.OrdinalIgnoreCase) && key[3..].All(char.IsAsciiDigit);

    private static IEnumerable<string> KnownIds =>
        RuleCatalogue.Entries.Select(e => e.Id).Concat(RuleRegistry.Metadata.Select(m => m.Id)).Distinct(StringComparer.Ordinal);

    private static readonly Lazy<Dictionary<string, string>> Names = new(() =>
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, name, _) in RuleCatalogue.Entries) map.TryAdd(name, id);
        foreach (var meta in RuleRegistry.Metadata) map[meta.Name] = meta.Id;
        return map;
    });

    private static Dictionary<string, string> NameToId => Names.Value;
}
