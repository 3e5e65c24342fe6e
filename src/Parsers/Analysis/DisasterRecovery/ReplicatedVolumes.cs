using System.Globalization;
using PveLint.Model;

namespace PveLint.Analysis.DisasterRecovery;

/// <summary>A disk that makes a replication job fail, and why.</summary>
public sealed record ReplicationBlocker(GuestDisk Disk, string Reason);

/// <summary>
/// Which disks pvesr replicates and which make it fail, as qemu-server/pve-container <c>get_replicatable_volumes</c>
/// decide (docs/disaster-recovery.md): CD-ROMs and <c>replicate=0</c> are skipped, a local file or device fails,
/// volumes on shared storage or owned by another guest are skipped, a volume on a storage without the replicate
/// feature (anything but zfspool) fails, and so does a storage the target node cannot use. Snapshot volumes count.
/// Every guest with a replication job is asked, so nothing is allocated for a disk that replicates.
/// </summary>
public static class ReplicatedVolumes
{
    public static IReadOnlyList<ReplicationBlocker> Blockers(ClusterModel model, Guest guest, string? targetNode)
    {
        List<ReplicationBlocker>? blockers = null;
        // Current config first, so a volume also kept in snapshots is reported at its current line.
        foreach (var current in (ReadOnlySpan<bool>)[true, false])
        {
            for (var i = 0; i < guest.Disks.Length; i++)
            {
                var disk = guest.Disks[i];
                if ((disk.Section is null) != current || SeenBefore(guest, disk, i, current)) continue;
                if (Blocker(model, guest, disk, targetNode) is { } reason) (blockers ??= []).Add(new ReplicationBlocker(disk, reason));
            }
        }
        return blockers ?? (IReadOnlyList<ReplicationBlocker>)[];
    }

    /// <summary>Whether a disk read before this one (current config first) names the same volume: it is checked once.</summary>
    private static bool SeenBefore(Guest guest, GuestDisk disk, int index, bool current)
    {
        var volume = VolumeText(disk);
        for (var j = 0; j < guest.Disks.Length; j++)
        {
            var other = guest.Disks[j];
            var before = (other.Section is null) == current ? j < index : current == false && other.Section is null;
            if (before && VolumeText(other).SequenceEqual(volume)) return true;
        }
        return false;
    }

    /// <summary>The value up to its first comma: the volume as written.</summary>
    public static ReadOnlySpan<char> VolumeText(GuestDisk disk)
    {
        var value = disk.Value.Value.AsSpan();
        var comma = value.IndexOf(',');
        return comma < 0 ? value : value[..comma];
    }

    private static string? Blocker(ClusterModel model, Guest guest, GuestDisk disk, string? targetNode)
    {
        if (disk.IsCdrom || !disk.Replicate || disk.Kind is DiskKind.None or DiskKind.HostCdrom) return null;
        if (disk.Kind is DiskKind.Device or DiskKind.Bind)
            return disk.Shared ? null : "a local file or device, which pvesr cannot replicate ('unable to replicate local file/device')";
        if (disk.StorageId is not { } storeId || model.Storage(storeId) is not { } storage || storage.Shared) return null;
        if (disk.Volume is { } volume && OwnedByAnother(volume, guest.VmId)) return null;
        if (storage.Type != "zfspool")
            return $"on {storage.Type} storage '{storeId}', which cannot replicate: only zfspool (local ZFS) has the replicate feature ('missing replicate feature on volume')";
        if (targetNode is not null && !storage.AvailableOn(targetNode))
            return $"on storage '{storeId}', which its 'nodes' do not make available on target node {targetNode}";
        return null;
    }

    /// <summary>
    /// <c>(?:^|/)(?:vm|base|subvol|basevol)-(\d+)-[^/]*$</c> on the volume name with an owner other than
    /// <paramref name="vmId"/>: the volume belongs to another guest, and pvesr skips it.
    /// </summary>
    internal static bool OwnedByAnother(string volume, int vmId)
    {
        var name = volume.AsSpan(volume.LastIndexOf('/') + 1);
        var dash = name.IndexOf('-');
        if (dash < 0 || name[..dash] is not ("vm" or "base" or "subvol" or "basevol")) return false;
        var rest = name[(dash + 1)..];
        var digits = 0;
        while (digits < rest.Length && char.IsDigit(rest[digits])) digits++; // \d: any Unicode digit, as the regex read it
        if (digits == 0 || digits == rest.Length || rest[digits] != '-') return false;
        Span<char> own = stackalloc char[11];
        return !vmId.TryFormat(own, out var length, provider: CultureInfo.InvariantCulture) || !rest[..digits].SequenceEqual(own[..length]);
    }

    /// <summary>Whether pvesr replicates the disk (the disks replication protects): a zfspool volume, no CD-ROM, <c>replicate</c> not off.</summary>
    public static bool IsReplicated(ClusterModel model, GuestDisk disk) =>
        disk is { IsCdrom: false, Replicate: true, Kind: DiskKind.Volume, StorageId: { } id } && model.Storage(id) is { Type: "zfspool" };
}
