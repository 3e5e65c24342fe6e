using System.Collections.Immutable;
using PveLint.Analysis.DisasterRecovery;
using PveLint.Model;

namespace PveLint.Simulation.Ceph;

/// <summary>
/// The Ceph pools each HA service's disks live on: its guest's volumes on RBD storages of this cluster's own Ceph
/// (storage.cfg <c>rbd</c> without a foreign <c>monhost</c>), by the storage's <c>pool</c> (default <c>rbd</c>) and <c>data-pool</c>.
/// </summary>
public static class GuestPools
{
    /// <returns>By sid, the pools in ordinal order; services with no disk on this cluster's Ceph are absent.</returns>
    public static IReadOnlyDictionary<string, ImmutableArray<string>> Of(ClusterModel model)
    {
        var result = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        var byStorage = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        foreach (var resource in model.Ha.Resources)
        {
            if (model.GuestOf(resource) is not { } guest) continue;
            // A loop over a guest's few disks (every HA guest is asked): the distinct pools, in ordinal order.
            List<string>? pools = null;
            foreach (var disk in guest.Disks)
                if (disk is { Kind: DiskKind.Volume, StorageId: { } id, IsCdrom: false, Section: null })
                    foreach (var pool in PoolsOf(model, id, byStorage))
                        if (!(pools ??= []).Contains(pool)) pools.Add(pool);
            if (pools is not { Count: > 0 }) continue;
            pools.Sort(StringComparer.Ordinal);
            result[resource.Sid] = [.. pools];
        }
        return result;
    }

    private static ImmutableArray<string> PoolsOf(ClusterModel model, string storageId, Dictionary<string, ImmutableArray<string>> cache)
    {
        if (cache.TryGetValue(storageId, out var known)) return known;
        var pools = ImmutableArray<string>.Empty;
        if (model.Storage(storageId) is { Type: "rbd" } storage && StoragePlacement.Locate(model, storage).Home == StorageHome.ClusterCeph)
        {
            pools = [storage.Section?.Get("pool")?.Value ?? "rbd"];
            if (storage.Section?.Get("data-pool") is { } data) pools = pools.Add(data.Value);
        }
        return cache[storageId] = pools;
    }
}
