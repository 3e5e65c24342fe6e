using System.Collections.Immutable;

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
    public string Sid => ServiceIds.Of(Kind, VmId);
}

/// <summary>
/// "vm:100" and "ct:100", one string per id for the process: rules ask for a guest's sid tens of thousands of times
/// per scan, and a cached field on <see cref="Guest"/> would take part in the record's equality.
/// </summary>
internal static class ServiceIds
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Vms = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Containers = new();

    public static string Of(GuestKind kind, int vmid) => kind == GuestKind.Qemu
        ? Vms.GetOrAdd(vmid, static id => "vm:" + id)
        : Containers.GetOrAdd(vmid, static id => "ct:" + id);
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
