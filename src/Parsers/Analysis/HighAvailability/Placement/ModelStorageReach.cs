using System.Collections.Concurrent;
using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>
/// Whether a recovered guest's disks are reachable on its new node, from storage.cfg and replication.cfg: a volume
/// on shared storage is reachable where the storage is available (its <c>nodes</c>); a volume on local storage (or
/// marked <c>shared=1</c> on the disk: then the admin vouches for it) is reachable only where an enabled
/// replication job of the guest keeps a replica (unless the disk has <c>replicate=0</c>). CD-ROMs, snapshot-only
/// volumes and volumes on storage that storage.cfg does not define are not judged (other rules report those).
/// </summary>
public sealed class ModelStorageReach(ClusterModel model) : IStorageReach
{
    // The simulation asks once per recovered service and scenario: the guest's start disks are looked up once.
    private readonly ConcurrentDictionary<string, StartNeeds?> needs = new(StringComparer.Ordinal);

    /// <summary>What a guest's start needs: its disks with their storage, and its replication jobs.</summary>
    private sealed record StartNeeds((GuestDisk Disk, StorageDef Storage)[] Disks, ImmutableArray<ReplicationJob> Jobs, bool AnyLocal);

    public bool CanStart(string sid, string fromNode, string toNode) => NeedsOf(sid) is not { } needs || Blocking(needs, toNode) < 0;

    public StorageBlock? BlockOn(string sid, string fromNode, string toNode)
    {
        if (NeedsOf(sid) is not { } needs || Blocking(needs, toNode) is not (var at and >= 0)) return null;
        var (disk, storage) = needs.Disks[at];
        return storage.Shared
            ? new StorageBlock(disk.Key.Value, storage.Id.Value, $"which is shared but not available on {toNode} (nodes {string.Join(",", storage.Nodes ?? [])})")
            : new StorageBlock(disk.Key.Value, storage.Id.Value,
                $"local to {fromNode}, with no replica on {toNode}" + (disk.Replicate ? "" : " (the disk has replicate=0)"));
    }

    /// <summary>The first disk the guest cannot reach on <paramref name="toNode"/>, or −1.</summary>
    private static int Blocking(StartNeeds needs, string toNode)
    {
        for (var i = 0; i < needs.Disks.Length; i++)
        {
            var (disk, storage) = needs.Disks[i];
            var reachable = storage.Shared ? storage.AvailableOn(toNode) : disk.Replicate && ReplicaJob(needs, toNode) is not null;
            if (!reachable) return i;
        }
        return -1;
    }

    public string? StartNote(string sid, string fromNode, string toNode)
    {
        return NeedsOf(sid) is { AnyLocal: true } needs && ReplicaJob(needs, toNode) is { } job
            ? $"it starts from the replica of job {job.Id.Value}, so the writes since that job's last run are lost"
            : null;
    }

    // A static factory with an argument: a lambda capturing this would be a new delegate on every call.
    private StartNeeds? NeedsOf(string sid) => needs.GetOrAdd(sid, static (s, self) => self.ComputeNeeds(s), this);

    private StartNeeds? ComputeNeeds(string sid)
    {
        if (model.HaResource(sid) is not { } resource || model.GuestOf(resource) is not { } guest) return null;
        // The volumes a start needs: the current config's disks on storage that storage.cfg defines, no CD-ROMs
        // (a loop, as every HA guest is asked).
        var disks = new List<(GuestDisk, StorageDef)>(guest.Disks.Length);
        var anyLocal = false;
        foreach (var disk in guest.Disks)
            if (disk is { Section: null, IsCdrom: false, Kind: DiskKind.Volume, Shared: false, StorageId: { } id } && model.Storage(id) is { } storage)
            {
                disks.Add((disk, storage));
                anyLocal |= !storage.Shared;
            }
        return new StartNeeds([.. disks], model.ReplicationOf(guest.VmId), anyLocal);
    }

    private static ReplicationJob? ReplicaJob(StartNeeds needs, string toNode)
    {
        foreach (var job in needs.Jobs)
            if (!job.Disabled && job.Target?.Value == toNode) return job;
        return null;
    }
}
