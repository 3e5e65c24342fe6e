using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Text;

namespace PveLint.Model;

/// <summary>
/// One immutable model of a cluster, built by <see cref="Binding.ClusterBinder"/> from a ConfigTree.
/// Every element keeps the span(s) it came from. Rules and the simulation read only this.
/// </summary>
public sealed partial record ClusterModel(
    LinterConfig Config,
    CorosyncModel? Corosync,
    DatacenterConfig? Datacenter,
    HaModel Ha,
    ImmutableArray<StorageDef> Storages,
    ImmutableArray<ReplicationJob> Replication,
    ImmutableArray<Guest> Guests,
    WatchdogSettings? DefaultWatchdog,
    ImmutableDictionary<string, WatchdogSettings> NodeWatchdogs,
    CephModel Ceph,
    ImmutableArray<Site> Sites,
    ImmutableArray<SiteLatency> Latencies,
    ImmutableArray<string> NodeNames,
    ImmutableArray<Diagnostic> Diagnostics,
    IReadOnlyDictionary<string, SourceFile> Files)
{
    public TargetRelease Target => Config.TargetRelease;

    public StorageDef? Storage(string id) => Index.StoragesById.GetValueOrDefault(id);

    /// <summary>The guest a resource id (<c>vm:100</c>, <c>ct:101</c>) or bare id names, if any.</summary>
    public Guest? GuestById(int vmid) => Index.GuestsById.GetValueOrDefault(vmid);

    /// <summary>The watchdog settings that apply on a node: its own file, else the shared default.</summary>
    public WatchdogSettings? WatchdogFor(string node) => NodeWatchdogs.TryGetValue(node, out var w) ? w : DefaultWatchdog;
}
