using PveLint.Analysis.Quorum;
using PveLint.Simulation.Scenarios;

namespace PveLint.Simulation.Quorum;

/// <summary>Runs votequorum (and qnetd) for a scenario: <see cref="QuorumEvaluator"/> from the steady state.</summary>
public static class QuorumLayer
{
    public static QuorumVerdict Evaluate(VoteConfig? config, FailureScenario scenario)
    {
        if (config is null) return QuorumVerdict.NotEvaluable("no corosync.conf was scanned, so the votes are unknown");
        var partitions = scenario.Partitions.Where(p => !p.Nodes.IsEmpty)
            .Select(p => new Partition(p.Nodes, p.ReachesQDevice)).ToList(); // the scenario's node list as it is, not a copy
        try
        {
            var outcome = QuorumEvaluator.Evaluate(config, partitions);
            var last = outcome.Steps.IsEmpty ? outcome.SteadyState : outcome.Steps[^1];
            return new QuorumVerdict(last.Partitions, last.QDeviceDecision, outcome.Undecidable) { Config = config };
        }
        catch (ArgumentException e)
        {
            // The scenario names nodes corosync.conf does not configure (e.g. guest directories of unknown nodes).
            return QuorumVerdict.NotEvaluable(e.Message);
        }
    }
}
