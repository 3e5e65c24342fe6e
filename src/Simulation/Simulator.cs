using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PveLint.Analysis.HighAvailability.Placement;
using PveLint.Analysis.Quorum;
using PveLint.Model;
using PveLint.Simulation.Ceph;
using PveLint.Simulation.Fencing;
using PveLint.Simulation.HighAvailability;
using PveLint.Simulation.Quorum;
using PveLint.Simulation.Scenarios;

namespace PveLint.Simulation;

/// <summary>
/// The failure simulation: scenarios → one evaluator per layer (quorum, fencing, HA placement, Ceph) → one
/// <see cref="ScenarioVerdict"/> per scenario. <see cref="For"/> computes it once per model, so every reader shares it.
/// </summary>
public static class Simulator
{
    private static readonly ConditionalWeakTable<ClusterModel, SimulationResult> Results = new();

    /// <summary>The simulation of a model, computed on first use with the model's <c>policy.max-failures</c>.</summary>
    public static SimulationResult For(ClusterModel model) => Results.GetValue(model, static m => Run(m, m.Config.Policy.MaxFailures));

    public static SimulationResult Run(ClusterModel model, int maxFailures, CancellationToken cancellationToken = default)
    {
        var notes = ImmutableArray.CreateBuilder<string>();
        var affordable = ScenarioGenerator.AffordableFailures(model, maxFailures, out var losses);
        if (affordable < maxFailures)
            notes.Add(affordable == 0
                ? $"{losses} separate losses (nodes, sites, the QDevice host) are more than the {ScenarioGenerator.MaxCombinations} scenarios pvelint simulates, so nothing was simulated."
                : $"Combinations of {affordable + 1} failures among {losses} separate losses would be more than {ScenarioGenerator.MaxCombinations} scenarios, so only up to {affordable} simultaneous failures were simulated.");
        maxFailures = affordable;
        var votes = VoteConfig.From(model.Corosync);
        if (model.Sites.IsEmpty)
            notes.Add("No sites are known (.pvelint.yaml sites: or CRUSH datacenters), so no site loss or netsplit was simulated.");
        var ha = new HaLayer(model, PlacementRule.EffectiveRules(model));
        notes.AddRange(ha.Notes);
        var ceph = new CephLayer(model);
        notes.AddRange(ceph.Notes);
        var nodes = model.Nodes.Select(n => n.Name).ToList();

        var verdicts = ImmutableArray.CreateBuilder<ScenarioVerdict>();
        foreach (var scenario in ScenarioGenerator.Generate(model, maxFailures))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var quorum = QuorumLayer.Evaluate(votes, scenario);
            var fencing = FencingEvaluator.Evaluate(nodes, scenario, quorum.QuorateNodes, quorum.UndecidedNodes, ha.ActiveServices, ha.CrmMaster);
            var haVerdict = ha.Evaluate(scenario, quorum, fencing);
            verdicts.Add(new ScenarioVerdict(scenario, quorum, fencing, haVerdict) { Ceph = ceph.Evaluate(scenario, haVerdict) });
        }
        return new SimulationResult(maxFailures, verdicts.ToImmutable(), notes.ToImmutable()) { SteadyServiceNodes = ha.SteadyNodes };
    }
}
