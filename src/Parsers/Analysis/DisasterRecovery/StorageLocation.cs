using System.Collections.Immutable;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Analysis.DisasterRecovery;

/// <summary>Where the data of a storage lives, as far as the configuration tells.</summary>
public enum StorageHome
{
    /// <summary>On the cluster's nodes themselves (dir, zfspool, lvm, lvmthin, btrfs without <c>shared</c>): each node holds its own.</summary>
    Nodes,
    /// <summary>On this cluster's own Ceph (RBD/CephFS without <c>monhost</c>, or naming the cluster's own monitors or nodes).</summary>
    ClusterCeph,
    /// <summary>Served by a guest of this cluster (the server's address is in a guest's config).</summary>
    ClusterGuest,
    /// <summary>On hosts outside the cluster that a site's <c>addresses:</c> places.</summary>
    External,
    /// <summary>Nothing places it (a name pvelint does not resolve, an address outside every site, a shared dir).</summary>
    Unknown,
}

/// <summary>
/// The home of a storage, the host placements it rests on, the serving guest if any, the sites its data is in
/// (empty when unknown, or for <see cref="StorageHome.Nodes"/> where it depends on the node), a phrase for messages
/// and the line that names the host.
/// </summary>
public sealed record StorageLocation(
    StorageDef Storage,
    StorageHome Home,
    ImmutableArray<HostPlacement> Hosts,
    Guest? ServingGuest,
    ImmutableArray<Site> Sites,
    string Description,
    SourceSpan? HostLine)
{
    /// <summary>The guest config line that reveals the serving guest's address.</summary>
    public SourceSpan? ServingGuestLine { get; init; }

    /// <summary>The storage is part of the cluster it would protect.</summary>
    public bool OnCluster => Home is StorageHome.Nodes or StorageHome.ClusterCeph or StorageHome.ClusterGuest;
}
