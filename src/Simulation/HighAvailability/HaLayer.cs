using System.Collections.Immutable;
using PveLint.Analysis.HighAvailability.Placement;
using PveLint.Model;
using PveLint.Simulation.Fencing;
using PveLint.Simulation.Quorum;
using PveLint.Simulation.Scenarios;

namespace PveLint.Simulation.HighAvailability;

/// <summary>
/// The HA layer: the CRM's recovery placement (<see cref="RecoverySimulation"/>) settled once for the cluster, then
/// asked per scenario which services the quorate partition's CRM master recovers and where.
/// </summary>
public sealed class HaLayer
{
    private readonly RecoverySimulation? simulation; // null when it cannot be simulated (notSimulated says why)
    private readonly string? notSimulated;
    private readonly ImmutableArray<string> nodes;

    public HaLayer(ClusterModel model, IReadOnlyList<PlacementRule> effectiveRules)
    {
        var input = PlacementInputBuilder.FromModel(model);
        notSimulated = RecoverySimulation.WhyNotSimulated(input);
        simulation = notSimulated is null ? RecoverySimulation.Create(input, effectiveRules) : null;
        nodes = model.Nodes.Select(n => n.Name).ToImmutableArray();
        var steady = SteadyNodes = simulation?.SteadyNodes ?? ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal); // a table of every service: made once
        ActiveServices = input.Services.Where(s => s.Requested == RequestedState.Started && steady.ContainsKey(s.Sid))
            .GroupBy(s => steady[s.Sid], StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        CrmMaster = model.Ha.Status?.MasterNode;
        HasServices = !input.Services.IsEmpty;
        Notes = (simulation?.Notes ?? [notSimulated!]).AddRange(input.Unplaced.Select(sid => $"{sid} is not simulated: neither manager_status nor a guest config places it on a node"));
    }

    /// <summary>Per node, the services its LRM counts as active in the steady state (what arms its watchdog).</summary>
    public ImmutableDictionary<string, int> ActiveServices { get; }

    public string? CrmMaster { get; }

    /// <summary>Where every HA service runs (or is kept stopped) in the steady state, by sid.</summary>
    public ImmutableSortedDictionary<string, string> SteadyNodes { get; }

    public bool HasServices { get; }

    /// <summary>Assumptions that hold for every scenario (scheduler fallback, services no node holds, ...).</summary>
    public ImmutableArray<string> Notes { get; }

    /// <param name="quorate">The quorum verdict's <see cref="QuorumVerdict.QuorateNodes"/>, which the caller has already built.</param>
    public HaVerdict Evaluate(QuorumVerdict quorum, IReadOnlySet<string> quorate)
    {
        if (!HasServices) return new HaVerdict(null, "no HA resources are configured");
        if (simulation is null) return new HaVerdict(null, notSimulated);
        if (quorum.IsUndecidable) return new HaVerdict(null, "the quorum of this scenario is undecidable, so which CRM recovers what is too");
        if (quorum.SplitBrain) return new HaVerdict(null, "two partitions are quorate at once: each one's CRM may act, so the outcome depends on fencing races");
        if (!quorum.AnyQuorate)
            return new HaVerdict(null, "no partition is quorate: no CRM master can recover anything, and every HA service on a self-fenced node stays down");
        // The quorate partition's CRM sees every other node as gone: they are fenced (or self-fenced) and recovered.
        var gone = nodes.Where(n => !quorate.Contains(n)).ToList();
        return new HaVerdict(simulation.Fail(gone), null);
    }
}
