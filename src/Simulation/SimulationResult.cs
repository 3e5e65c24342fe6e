using System.Collections.Immutable;

namespace PveLint.Simulation;

/// <summary>The verdicts of every scenario, in generation order, and the assumptions that hold for all of them.</summary>
public sealed record SimulationResult(int MaxFailures, ImmutableArray<ScenarioVerdict> Scenarios, ImmutableArray<string> Notes)
{
    /// <summary>Where every HA service runs (or is kept stopped) in the steady state, by sid.</summary>
    public ImmutableSortedDictionary<string, string> SteadyServiceNodes { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The HA services (by sid) whose steady-state node is one of <paramref name="nodes"/>.</summary>
    public IEnumerable<string> ServicesOn(IEnumerable<string> nodes)
    {
        var set = nodes.ToHashSet(StringComparer.Ordinal);
        return SteadyServiceNodes.Where(kv => set.Contains(kv.Value)).Select(kv => kv.Key);
    }

    public ScenarioVerdict? Scenario(string id) => Scenarios.FirstOrDefault(s => s.Scenario.Id == id);

    /// <summary>
    /// Works out now, on every core, what the verdicts otherwise work out on first read, one scenario at a time (HA
    /// placements, Ceph verdicts): for readers that go through all of them, such as the simulation reports.
    /// </summary>
    public SimulationResult Prepare()
    {
        Parallel.ForEach(Scenarios, verdict => verdict.Prepare());
        return this;
    }
}
