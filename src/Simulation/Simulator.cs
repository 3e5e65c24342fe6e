using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
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
    private static readonly OncePer<ClusterModel, SimulationResult> Results = new(static m => Run(m, m.Config.Policy.MaxFailures));

    /// <summary>The simulation of a model, computed on first use with the model's <c>policy.max-failures</c>.</summary>
    public static SimulationResult For(ClusterModel model) => Results.Of(model);

    /// <summary>The simulation of a model if something already asked for it (<see cref="For"/>), else null: reporters show it without running it.</summary>
    public static SimulationResult? IfComputed(ClusterModel model) => Results.IfComputed(model);

    /// <param name="timings">If given, collects the time spent in each layer (for bench/ only).</param>
    public static SimulationResult Run(ClusterModel model, int maxFailures, CancellationToken cancellationToken = default, LayerTimings? timings = null)
    {
        timings ??= LayerTimings.Off;
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
        var ha = timings.Setup.Time(() => new HaLayer(model, PlacementRule.EffectiveRules(model)));
        notes.AddRange(ha.Notes);
        var ceph = timings.Setup.Time(() => new CephLayer(model));
        notes.AddRange(ceph.Notes);
        var fencingEvaluator = new FencingEvaluator([.. model.Nodes.Select(n => n.Name)], ha.ActiveServices, ha.CrmMaster);

        // Scenarios are independent: evaluate them on every core, each verdict in its scenario's slot.
        var scenarios = ScenarioGenerator.Generate(model, maxFailures).ToArray();
        var verdicts = new ScenarioVerdict[scenarios.Length];
        // Timed runs stay on one thread, so that each layer's time is its own and not its neighbours' waiting.
        // One worker per core: each keeps a CRM workspace of every service's state (the thread pool adds workers under
        // load, and each new one built another workspace).
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = timings == LayerTimings.Off ? Environment.ProcessorCount : 1 };
        try
        {
            Parallel.For(0, scenarios.Length, options, i =>
            {
                var scenario = scenarios[i];
                var quorum = timings.Quorum.Time(() => QuorumLayer.Evaluate(votes, scenario));
                var quorate = quorum.QuorateNodes;
                var fencing = timings.Fencing.Time(() => fencingEvaluator.Evaluate(scenario, quorate, quorum.UndecidedNodes));
                var haVerdict = timings.Ha.Time(() => ha.Evaluate(quorum, quorate));
                // PVE6004/PVE6005 explain every stranded service of a single node or site loss, one scenario after
                // another on one thread: the explanations are worked out here, on every core.
                if (scenario.Kind is ScenarioKind.NodeLoss or ScenarioKind.SiteLoss && haVerdict.Plan is { } plan && plan.Stranded.Any())
                    timings.Ha.Time(plan.PrepareReasons);
                // Timed runs (bench/) evaluate Ceph now, to time it; otherwise when its verdict is first read.
                verdicts[i] = timings == LayerTimings.Off
                    ? new ScenarioVerdict(scenario, quorum, fencing, haVerdict, () => ceph.Evaluate(scenario, haVerdict))
                    : new ScenarioVerdict(scenario, quorum, fencing, haVerdict) { Ceph = timings.Ceph.Time(() => ceph.Evaluate(scenario, haVerdict)) };
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return new SimulationResult(maxFailures, [.. verdicts], notes.ToImmutable()) { SteadyServiceNodes = ha.SteadyNodes };
    }
}
