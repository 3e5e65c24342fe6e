using System.Collections.Immutable;
using System.Globalization;

namespace PveLint.Model;

public enum GuestKind
{
    Qemu,
    Lxc,
}

/// <summary>A guest config <c>nodes/&lt;node&gt;/qemu-server/&lt;id&gt;.conf</c> or <c>lxc/&lt;id&gt;.conf</c>.</summary>
public sealed record Guest(
    int VmId,
    GuestKind Kind,
    string Node,
    string Path,
    Located<string>? Name,
    ImmutableArray<Located<string>> Tags,
    ImmutableArray<GuestDisk> Disks,
    ImmutableArray<GuestDevice> Devices,
    ImmutableArray<string> Snapshots,
    IReadOnlyDictionary<string, Located<string>> Properties)
{
    /// <summary>The HA service id, "vm:100" or "ct:100".</summary>
    /// <remarks>
    /// Made with the guest (rules ask for it tens of thousands of times per scan; a process-wide cache of them grew
    /// for the life of a build server). It follows from <see cref="Kind"/> and <see cref="VmId"/>, so it changes
    /// nothing in the record's equality; guests are never copied with another id.
    /// </remarks>
    public string Sid { get; } = string.Create(CultureInfo.InvariantCulture, $"{(Kind == GuestKind.Qemu ? "vm" : "ct")}:{VmId}");
}

public enum DiskKind
{
    /// <summary><c>storeid:volname</c>.</summary>
    Volume,
    /// <summary>An absolute path to a device or file (VM passthrough, CT <c>/dev/...</c> mount point).</summary>
    Device,
    /// <summary>A container bind mount of a host directory.</summary>
    Bind,
    /// <summary>The host's CD drive (<c>cdrom</c>).</summary>
    HostCdrom,
    /// <summary>An empty drive (<c>none</c>).</summary>
    None,
}

/// <summary>A disk or mount point of a guest (current config; snapshot-only volumes have <see cref="Section"/> set).</summary>
public sealed record GuestDisk(
    Located<string> Key,
    Located<string> Value,
    DiskKind Kind,
    string? StorageId,
    string? Volume,
    bool IsCdrom,
    bool Shared,
    bool Replicate,
    string? Section);

/// <summary>A local device the guest uses (hostpciN, usbN, serialN, parallelN, devN, virtiofsN, ivshmem).</summary>
public sealed record GuestDevice(
    Located<string> Key,
    Located<string> Value,
    string Kind,
    string? Mapping,
    bool BlocksMigration);
