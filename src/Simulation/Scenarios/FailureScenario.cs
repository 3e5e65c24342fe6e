using System.Collections.Immutable;

namespace PveLint.Simulation.Scenarios;

/// <summary>What kind of failure a scenario models; a combination holds several independent failures.</summary>
public enum ScenarioKind
{
    NodeLoss,
    SiteLoss,
    Netsplit,
    QDeviceLoss,
    Combination,
}

/// <summary>
/// The nodes that still run and can reach each other after a failure, and whether they reach the QDevice host
/// (corosync-qnetd). A netsplit has several; a pure loss has one (the survivors).
/// </summary>
public sealed record NetworkPartition(ImmutableArray<string> Nodes, ImmutableArray<string> Sites, bool ReachesQDevice)
{
    public string Describe() =>
        (Sites.IsEmpty ? string.Join("+", Nodes) : string.Join("+", Sites)) + (ReachesQDevice ? " (with the QDevice)" : "");
}

/// <summary>
/// One failure applied to the steady state (every node up and quorate, services where the manager status or the
/// configuration puts them). <see cref="Id"/> is stable across runs, for reports and baselines.
/// </summary>
public sealed record FailureScenario(
    string Id,
    string Title,
    ScenarioKind Kind,
    int FailureCount,
    ImmutableArray<string> FailedNodes,
    ImmutableArray<string> FailedSites,
    bool QDeviceLost,
    ImmutableArray<NetworkPartition> Partitions)
{
    /// <summary>True for a network split between surviving nodes (two or more partitions hold nodes).</summary>
    public bool IsSplit => Partitions.Count(p => !p.Nodes.IsEmpty) > 1;

    /// <summary>
    /// Assumptions the generator had to make (e.g. the QDevice host could be placed in no site, so both sides of a
    /// netsplit were tried). Empty when the scenario follows from the configuration alone.
    /// </summary>
    public ImmutableArray<string> Assumptions { get; init; } = [];
}
