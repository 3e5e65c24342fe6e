namespace PveLint.Analysis.HighAvailability.Rules;

/// <summary>
/// Rules looked up by the resources they hold, so "the rules sharing a resource with X" costs the resources of X,
/// not a scan of every rule (two thousand rules made the feasibility checks quadratic). Answers keep the order of
/// the list the index was built from, as the scans it replaces did.
/// </summary>
public sealed class RulesByResource
{
    private readonly IReadOnlyList<HaRuleDefinition> _rules;
    private readonly Dictionary<string, List<int>> _positions = new(StringComparer.Ordinal);

    public RulesByResource(IReadOnlyList<HaRuleDefinition> rules)
    {
        _rules = rules;
        for (var i = 0; i < rules.Count; i++)
            foreach (var resource in rules[i].Resources)
            {
                if (!_positions.TryGetValue(resource, out var positions)) _positions[resource] = positions = [];
                positions.Add(i);
            }
    }

    /// <summary>The rules holding <paramref name="resource"/>.</summary>
    public List<HaRuleDefinition> Holding(string resource) =>
        _positions.TryGetValue(resource, out var positions) ? positions.ConvertAll(i => _rules[i]) : [];

    /// <summary>The rules holding any of <paramref name="resources"/> (each once).</summary>
    public List<HaRuleDefinition> Sharing(IEnumerable<string> resources)
    {
        var found = new SortedSet<int>();
        foreach (var resource in resources)
            if (_positions.TryGetValue(resource, out var positions)) found.UnionWith(positions);
        var rules = new List<HaRuleDefinition>(found.Count);
        foreach (var i in found) rules.Add(_rules[i]);
        return rules;
    }
}
