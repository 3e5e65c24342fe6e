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
    private readonly Dictionary<string, List<int>> _positions = new(StringComparer.Ordinal);

    /// <param name="resources">The resource ids (<c>vm:100</c>) a rule holds.</param>
    public ResourceIndex(IReadOnlyList<TRule> rules, Func<TRule, IEnumerable<string>> resources)
    {
        _rules = rules;
        for (var i = 0; i < rules.Count; i++)
            foreach (var resource in resources(rules[i]))
            {
                if (!_positions.TryGetValue(resource, out var positions)) _positions[resource] = positions = [];
                if (positions.Count == 0 || positions[^1] != i) positions.Add(i);
            }
    }

    /// <summary>The rules holding <paramref name="resource"/>.</summary>
    public List<TRule> Holding(string resource) =>
        _positions.TryGetValue(resource, out var positions) ? positions.ConvertAll(i => _rules[i]) : [];

    /// <summary>The rules holding any of <paramref name="resources"/> (each once).</summary>
    public List<TRule> Sharing(IEnumerable<string> resources)
    {
        var found = new SortedSet<int>();
        foreach (var resource in resources)
            if (_positions.TryGetValue(resource, out var positions)) found.UnionWith(positions);
        var rules = new List<TRule>(found.Count);
        foreach (var i in found) rules.Add(_rules[i]);
        return rules;
    }
}
