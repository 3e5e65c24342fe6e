using PveLint.Simulation.Ceph;
using PveLint.Simulation.Fencing;
using PveLint.Simulation.HighAvailability;
using PveLint.Simulation.Quorum;
using PveLint.Simulation.Scenarios;

namespace PveLint.Simulation;

/// <summary>
/// Everything the simulation concluded for one scenario, one record per layer. The PVE6xxx rules, <c>pvelint
/// simulate</c> and the reporters read this; none of them simulates again.
/// </summary>
public sealed record ScenarioVerdict(
    FailureScenario Scenario,
    QuorumVerdict Quorum,
    FencingOutcome Fencing,
    HaVerdict Ha)
{
    /// <summary>Monitor quorum and pool availability; null when the model holds no Ceph data (nothing is guessed).</summary>
    public CephVerdict? Ceph { get; init; }
}
