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
    HaVerdict Ha);
