namespace PveLint.Model;

/// <summary>
/// HA rules looked up by the resources they hold, so "the rules sharing a resource with X" costs the resources of X,
/// not a scan of every rule (two thousand rules made the feasibility checks quadratic). Answers keep the order of
/// the list the index was built from, as the scans it replaces did, and name a rule once however often it lists a
/// resource. For the rules of rules.cfg (<see cref="HaRule"/>) and for their checked definitions alike.
/// </summary>
public sealed class ResourceIndex<TRule>
{
    private readonly IReadOnlyList<TRule> _rules;

    /// <summary>Where each resource's rules are: most resources are in one rule, so the first position needs no list.</summary>
    private readonly Dictionary<string, (int First, List<int>? More)> _positions = new(StringComparer.Ordinal);

    /// <param name="resources">The resource ids (<c>vm:100</c>) a rule holds.</param>
    public ResourceIndex(IReadOnlyList<TRule> rules, Func<TRule, IEnumerable<string>> resources)
    {
        _rules = rules;
        for (var i = 0; i < rules.Count; i++)
            foreach (var resource in resources(rules[i]))
            {
                if (!_positions.TryGetValue(resource, out var at))
                    _positions[resource] = (i, null);
                else if ((at.More is { } more ? more[^1] : at.First) != i)
                    (at.More ?? (_positions[resource] = at with { More = [] }).More!).Add(i);
            }
    }

    /// <summary>The rules holding <paramref name="resource"/>.</summary>
    public List<TRule> Holding(string resource)
    {
        if (!_positions.TryGetValue(resource, out var at)) return [];
        var rules = new List<TRule>(1 + (at.More?.Count ?? 0)) { _rules[at.First] };
        foreach (var i in at.More ?? []) rules.Add(_rules[i]);
        return rules;
    }

    /// <summary>The rules holding any of <paramref name="resources"/> (each once).</summary>
    public List<TRule> Sharing(IEnumerable<string> resources)
    {
        var found = new SortedSet<int>();
        foreach (var resource in resources)
        {
            if (!_positions.TryGetValue(resource, out var at)) continue;
            found.Add(at.First);
            if (at.More is { } more) found.UnionWith(more);
        }
        var rules = new List<TRule>(found.Count);
        foreach (var i in found) rules.Add(_rules[i]);
        return rules;
    }
}
