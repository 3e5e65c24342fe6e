using System.Collections.Immutable;

namespace PveLint.Simulation;

/// <summary>The verdicts of every scenario, in generation order, and the assumptions that hold for all of them.</summary>
public sealed record SimulationResult(int MaxFailures, ImmutableArray<ScenarioVerdict> Scenarios, ImmutableArray<string> Notes)
{
    public ScenarioVerdict? Scenario(string id) => Scenarios.FirstOrDefault(s => s.Scenario.Id == id);
}
