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
    public StorageBlock? BlockOn(string sid, string fromNode, string toNode)
    {
        if (GuestOf(sid) is not { } guest) return null;
        foreach (var disk in StartDisks(guest))
        {
            var storage = model.Storage(disk.StorageId!)!;
            if (storage.Shared)
            {
                if (!storage.AvailableOn(toNode))
                    return new StorageBlock(disk.Key.Value, storage.Id.Value, $"which is shared but not available on {toNode} (nodes {string.Join(",", storage.Nodes ?? [])})");
                continue;
            }
            if (disk.Replicate && ReplicaJob(guest, toNode) is not null) continue;
            return new StorageBlock(disk.Key.Value, storage.Id.Value,
                $"local to {fromNode}, with no replica on {toNode}" + (disk.Replicate ? "" : " (the disk has replicate=0)"));
        }
        return null;
    }

    public string? StartNote(string sid, string fromNode, string toNode)
    {
        if (GuestOf(sid) is not { } guest) return null;
        var local = StartDisks(guest).Where(d => !model.Storage(d.StorageId!)!.Shared).ToList();
        return local.Count > 0 && ReplicaJob(guest, toNode) is { } job
            ? $"it starts from the replica of job {job.Id.Value}, so the writes since that job's last run are lost"
            : null;
    }

    private Guest? GuestOf(string sid) =>
        model.HaResource(sid) is { } resource ? model.GuestOf(resource) : null;

    /// <summary>The volumes a start needs: the current config's disks on storage that storage.cfg defines, no CD-ROMs.</summary>
    private IEnumerable<GuestDisk> StartDisks(Guest guest) => guest.Disks.Where(d =>
        d.Section is null && !d.IsCdrom && d.Kind == DiskKind.Volume && !d.Shared
        && d.StorageId is { } id && model.Storage(id) is not null);

    private ReplicationJob? ReplicaJob(Guest guest, string toNode) =>
        model.ReplicationOf(guest.VmId).FirstOrDefault(j => !j.Disabled && j.Target?.Value == toNode);
}
