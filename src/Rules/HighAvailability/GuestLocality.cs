using PveLint.Model;

namespace PveLint.Rules.HighAvailability;

/// <summary>What ties a guest to particular nodes: local devices, disks on storage other nodes cannot reach, licence tags.</summary>
internal static class GuestLocality
{
    /// <summary>Device families that are host hardware (qemu-server <c>check_local_resources</c>).</summary>
    private static readonly HashSet<string> HostDevices = new(StringComparer.Ordinal) { "hostpci", "usb", "serial", "parallel" };

    /// <summary>Host devices the guest uses: passthrough or mapped PCI, USB, serial and parallel ports.</summary>
    public static IEnumerable<GuestDevice> HostDevicesOf(Guest guest) =>
        guest.Devices.Where(d => HostDevices.Contains(d.Kind) && (d.BlocksMigration || d.Mapping is not null));

    /// <summary>Disks of the current config on storage that is not shared (the volume exists on one node only).</summary>
    /// <remarks>Asked for every HA guest by several rules: a list (none for most guests), not a query chain per guest.</remarks>
    public static IReadOnlyList<(GuestDisk Disk, StorageDef Storage)> LocalDisks(ClusterModel model, Guest guest)
    {
        // Counted first, then an array of that size: several rules ask for every HA guest.
        var count = 0;
        foreach (var disk in guest.Disks)
            if (LocalStorage(model, disk) is not null) count++;
        if (count == 0) return [];
        var local = new (GuestDisk, StorageDef)[count];
        var at = 0;
        foreach (var disk in guest.Disks)
            if (LocalStorage(model, disk) is { } storage) local[at++] = (disk, storage);
        return local;
    }

    private static StorageDef? LocalStorage(ClusterModel model, GuestDisk disk) =>
        disk is { Section: null, Kind: DiskKind.Volume, IsCdrom: false, StorageId: { } id } && model.Storage(id) is { Shared: false } storage ? storage : null;

    /// <summary>A tag that says a licence or dongle binds the guest to hardware (<c>license</c>, <c>licence-node1</c>, <c>dongle</c>).</summary>
    public static IEnumerable<string> LicenceTags(Guest guest) =>
        guest.Tags.Select(t => t.Value).Where(t => t.Contains("licen", StringComparison.OrdinalIgnoreCase) || t.Contains("dongle", StringComparison.OrdinalIgnoreCase));

    /// <summary>Why the guest must run on particular nodes, or null when nothing ties it to any.</summary>
    public static string? HardRequirement(ClusterModel model, Guest guest)
    {
        if (HostDevicesOf(guest).FirstOrDefault() is { } device) return $"{guest.Sid} uses host device {device.Key.Value}";
        if (LocalDisks(model, guest).FirstOrDefault() is { Disk: { } disk, Storage: { } storage }) return $"{guest.Sid} has {disk.Key.Value} on local storage '{storage.Id.Value}'";
        if (LicenceTags(guest).FirstOrDefault() is { } tag) return $"{guest.Sid} is tagged '{tag}'";
        return null;
    }
}
