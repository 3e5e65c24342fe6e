using System.Collections.Immutable;

namespace PveLint.Model;

/// <summary>
/// A cluster node with everything the rules and the simulation keep asking for: its corosync entry (votes, id,
/// links), its site, the watchdog settings that apply on it, the guests configured on it and its declared capacity.
/// Built once per model by <see cref="ClusterModel.Nodes"/>.
/// </summary>
public sealed record PveNode(
    string Name,
    ClusterNode? Corosync,
    Site? Site,
    WatchdogSettings? Watchdog,
    ImmutableArray<Guest> Guests,
    NodeCapacity? Capacity)
{
    /// <summary>The node's votes (<c>quorum_votes</c>, default 1); null when no corosync.conf lists the node.</summary>
    public int? Votes => Corosync?.Votes;

    public int? NodeId => Corosync?.NodeId?.Value;

    public ImmutableArray<NodeLink> Links => Corosync?.Links ?? [];

    /// <summary>The link addresses of the node (ring0_addr, ring1_addr, ...), as written.</summary>
    public IEnumerable<string> LinkAddresses => Links.Select(l => l.Address.Value);
}
