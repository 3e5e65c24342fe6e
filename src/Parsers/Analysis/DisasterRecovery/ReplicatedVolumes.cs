using System.Text.RegularExpressions;
using PveLint.Model;

namespace PveLint.Analysis.DisasterRecovery;

/// <summary>A disk that makes a replication job fail, and why.</summary>
public sealed record ReplicationBlocker(GuestDisk Disk, string Reason);

/// <summary>
/// Which disks pvesr replicates and which make it fail, as qemu-server/pve-container <c>get_replicatable_volumes</c>
/// decide (docs/disaster-recovery.md): CD-ROMs and <c>replicate=0</c> are skipped, a local file or device fails,
/// volumes on shared storage or owned by another guest are skipped, a volume on a storage without the replicate
/// feature (anything but zfspool) fails, and so does a storage the target node cannot use. Snapshot volumes count.
/// </summary>
public static partial class ReplicatedVolumes
{
    [GeneratedRegex(@"(?:^|/)(?:vm|base|subvol|basevol)-(\d+)-[^/]*$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerRegex();

    public static IEnumerable<ReplicationBlocker> Blockers(ClusterModel model, Guest guest, string? targetNode)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Current config first, so a volume also kept in snapshots is reported at its current line.
        foreach (var disk in guest.Disks.OrderBy(d => d.Section is null ? 0 : 1))
        {
            if (!seen.Add(disk.Value.Value.Split(',')[0])) continue;
            if (disk.IsCdrom || !disk.Replicate || disk.Kind is DiskKind.None or DiskKind.HostCdrom) continue;
            if (disk.Kind is DiskKind.Device or DiskKind.Bind)
            {
                if (!disk.Shared) yield return new ReplicationBlocker(disk, "a local file or device, which pvesr cannot replicate ('unable to replicate local file/device')");
                continue;
            }
            if (disk.StorageId is not { } storeId || model.Storage(storeId) is not { } storage || storage.Shared) continue;
            if (disk.Volume is { } volume && OwnerRegex().Match(volume) is { Success: true } owner && owner.Groups[1].Value != guest.VmId.ToString(System.Globalization.CultureInfo.InvariantCulture))
                continue;
            if (storage.Type != "zfspool")
                yield return new ReplicationBlocker(disk, $"on {storage.Type} storage '{storeId}', which cannot replicate: only zfspool (local ZFS) has the replicate feature ('missing replicate feature on volume')");
            else if (targetNode is not null && !storage.AvailableOn(targetNode))
                yield return new ReplicationBlocker(disk, $"on storage '{storeId}', which its 'nodes' do not make available on target node {targetNode}");
        }
    }

    /// <summary>The guest's replicated zfspool volumes (the disks replication protects).</summary>
    public static IEnumerable<GuestDisk> Replicated(ClusterModel model, Guest guest) =>
        guest.Disks.Where(d => d is { IsCdrom: false, Replicate: true, Kind: DiskKind.Volume, StorageId: { } id } && model.Storage(id) is { Type: "zfspool" });
}
