using System.Collections.Immutable;

namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>The cluster resource scheduler the CRM uses (<c>datacenter.cfg</c> <c>crs: ha=…</c>).</summary>
public enum CrsScheduler
{
    /// <summary>Score = number of HA services counted on the node.</summary>
    Basic,
    /// <summary>Score = TOPSIS over the static CPU and memory of the guests against each node's capacity.</summary>
    Static,
}

/// <summary>What resources.cfg asks for a service (<c>state</c>; <c>enabled</c> is <c>started</c>).</summary>
public enum RequestedState
{
    Started,
    Stopped,
    Disabled,
}

/// <summary>
/// The CRM's own state of a service (ha/manager_status <c>service_status.*.state</c>, reference §3.2).
/// <c>relocate</c> is <see cref="Migrate"/> (the same for placement: the service counts on both nodes).
/// </summary>
public enum CrmState : byte
{
    RequestStart,
    Started,
    RequestStop,
    Stopped,
    Migrate,
    Fence,
    Recovery,
    Error,
    Freeze,
}

/// <summary>A node the CRM knows, with the capacity the static scheduler divides by (null: unknown).</summary>
public sealed record PlacementNode(string Name, int? Cpus = null, long? MemoryBytes = null);

/// <summary>Static load of a guest as PVE's static scheduler reads it from the guest config.</summary>
/// <param name="MaxCpu">VM: <c>vcpus</c> or sockets × cores; CT: <c>cpulimit</c> or <c>cores</c>, 0 = the whole node.</param>
/// <param name="MaxMemoryBytes">Configured memory (VM: current memory; CT: <c>memory</c>, default 512 MiB).</param>
public sealed record GuestLoad(double MaxCpu, long MaxMemoryBytes);

/// <summary>
/// One HA service in the state the simulation starts from.
/// </summary>
/// <param name="Sid"><c>vm:100</c> or <c>ct:100</c>.</param>
/// <param name="Node">Where the CRM keeps it (manager_status), else the node whose directory holds the guest config.</param>
/// <param name="State">The CRM state to start from: a steady cluster has <see cref="CrmState.Started"/> and
/// <see cref="CrmState.Stopped"/>; a freshly added service is <see cref="CrmState.RequestStart"/>.</param>
/// <param name="Load">Static load, null when the guest config was not read (static scoring then falls back to counts, as PVE does).</param>
public sealed record PlacementService(
    string Sid,
    string Node,
    RequestedState Requested,
    CrmState State,
    bool Failback = true,
    int MaxRestart = 1,
    int MaxRelocate = 1,
    GuestLoad? Load = null);

/// <summary>
/// Answers whether a guest recovered from one node can start on another: its disks must be reachable there
/// (shared storage available on the node, or a replica of every local disk).
/// </summary>
public interface IStorageReach
{
    /// <summary>Null when the guest can start on <paramref name="toNode"/>; otherwise why it cannot.</summary>
    StorageBlock? BlockOn(string sid, string fromNode, string toNode);

    /// <summary>Whether the guest can start on <paramref name="toNode"/>: <see cref="BlockOn"/> without writing why not.</summary>
    bool CanStart(string sid, string fromNode, string toNode) => BlockOn(sid, fromNode, toNode) is null;

    /// <summary>A note to add when the start is possible but costs something (a replica loses the writes since the last sync).</summary>
    string? StartNote(string sid, string fromNode, string toNode);
}

/// <summary>Why a guest cannot start on a node: the disk, its storage, and what is missing.</summary>
public sealed record StorageBlock(string Disk, string Storage, string Explanation);

/// <summary>
/// Everything placement needs, independent of how it was read: the nodes, the services, the scheduler and the
/// storage reachability. Build it from a <see cref="Model.ClusterModel"/> with <see cref="PlacementInputBuilder"/>
/// or by hand in tests.
/// </summary>
public sealed record PlacementInput(
    ImmutableArray<PlacementNode> Nodes,
    ImmutableArray<PlacementService> Services,
    CrsScheduler Scheduler = CrsScheduler.Basic,
    IStorageReach? Storage = null)
{
    /// <summary>HA resources left out because no node holds them (no manager_status entry and no guest config).</summary>
    public ImmutableArray<string> Unplaced { get; init; } = [];
}
