using PveLint.Model;

namespace PveLint.Guests;

/// <summary>
/// The numbered key families of guest configs that name disks and local devices, with the ranges the schemas
/// define (qemu-server Drive.pm, PCI.pm, USB.pm, Virtiofs.pm, QemuServer.pm; pve-container LXC/Config.pm).
/// A key outside its range (<c>ide4</c>, <c>hostpci16</c>, <c>ide01</c>) is not in the schema, so PVE drops it.
/// </summary>
internal static class GuestKeys
{
    private static readonly (string Family, int Count)[] QemuDisks =
        [("ide", 4), ("sata", 6), ("scsi", 31), ("virtio", 16), ("efidisk", 1), ("tpmstate", 1), ("unused", 256)];

    private static readonly (string Family, int Count)[] LxcDisks = [("mp", 256), ("unused", 256)];

    private static readonly (string Family, int Count)[] QemuDevices =
        [("hostpci", 16), ("usb", 14), ("serial", 4), ("parallel", 3), ("virtiofs", 10)];

    private static readonly (string Family, int Count)[] LxcDevices = [("dev", 256)];

    /// <summary>Every numbered disk and device family of both guest kinds, with its schema's count.</summary>
    public static IEnumerable<(string Family, int Count)> NumberedFamilies => [.. QemuDisks, .. LxcDisks, .. QemuDevices, .. LxcDevices];

    /// <summary>qemu-server reads the legacy <c>cdrom</c> key as <c>ide2</c>.</summary>
    public static string Effective(GuestKind kind, string key) => kind == GuestKind.Qemu && key == "cdrom" ? "ide2" : key;

    /// <summary>Keys whose value names a volume: drives, unused volumes, <c>vmstate</c>; LXC rootfs and mount points.</summary>
    public static bool IsDisk(GuestKind kind, string key) => kind == GuestKind.Qemu
        ? key == "vmstate" || Family(key, QemuDisks) is not null
        : key == "rootfs" || Family(key, LxcDisks) is not null;

    /// <summary>The device family (<c>hostpci</c>, <c>usb</c>, <c>serial</c>, <c>parallel</c>, <c>virtiofs</c>, <c>ivshmem</c>, <c>dev</c>) or null.</summary>
    public static string? DeviceFamily(GuestKind kind, string key) => kind == GuestKind.Qemu
        ? key == "ivshmem" ? "ivshmem" : Family(key, QemuDevices)
        : Family(key, LxcDevices);

    /// <summary>The drive keys whose file goes through <c>filename_to_volume_id</c> (formats pve-qm-ide|scsi|virtio|sata).</summary>
    public static bool IsBusDrive(string key) => Family(key, QemuDisks) is "ide" or "sata" or "scsi" or "virtio";

    private static string? Family(string key, (string Family, int Count)[] families)
    {
        foreach (var (family, count) in families)
        {
            if (!key.StartsWith(family, StringComparison.Ordinal)) continue;
            var digits = key.AsSpan(family.Length);
            if (digits.Length is 0 or > 3 || (digits.Length > 1 && digits[0] == '0')) continue;
            var number = 0;
            foreach (var c in digits)
            {
                if (!char.IsAsciiDigit(c)) { number = -1; break; }
                number = number * 10 + (c - '0');
            }
            if (number >= 0 && number < count) return family;
        }
        return null;
    }
}
