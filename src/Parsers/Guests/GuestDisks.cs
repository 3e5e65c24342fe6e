using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.PropertyStrings;
using PveLint.Text;

namespace PveLint.Guests;

/// <summary>
/// Turns a disk or mount-point value into a <see cref="GuestDisk"/>: the volume comes from the property string's
/// default key (<c>file</c>/<c>volume</c>), then <c>media</c>, <c>shared</c> and <c>replicate</c>
/// (reference/pve-formats.md §3.1 "Disk keys", §3.2 <c>classify_mountpoint</c>).
/// </summary>
internal static class GuestDisks
{
    public static GuestDisk? Read(SourceFile file, GuestKind kind, int vmid, string key, GuestEntry entry, string? section, BindContext context)
    {
        var value = entry.Value;
        // The volume is the first unkeyed (or file=/volume=) part, an option the last part with its key, as
        // parse_property_string keeps them; read from spans, as every guest has disks.
        string? volume = null, media = null, sharedValue = null, replicateValue = null;
        foreach (var part in PropertyString.Parts(value.Value))
        {
            if (part.Broken) continue;
            if (!part.Keyed || part.Key is "file" or "volume")
            {
                volume ??= part.Value.ToString();
                continue;
            }
            switch (part.Key)
            {
                case "media": media = RepeatedValues.Of(part.Value); break;
                case "shared": sharedValue = RepeatedValues.Of(part.Value); break;
                case "replicate": replicateValue = RepeatedValues.Of(part.Value); break;
            }
        }

        if (volume is null)
        {
            context.Report(DiagnosticIds.InvalidValue, value.Span, $"'{key}' of {GuestText.Describe(kind, vmid)} names no volume, so {GuestText.Reader(kind)} drops it.");
            return null;
        }

        var isCdrom = media == "cdrom" || (kind == GuestKind.Qemu && volume == "cdrom");
        var shared = sharedValue is { } s && GuestText.ParseBoolean(s) == true;
        var replicate = replicateValue is not { } r || GuestText.ParseBoolean(r) != false;

        var classified = kind == GuestKind.Qemu ? ClassifyQemu(vmid, key, volume, isCdrom) : ClassifyLxc(volume);
        if (classified is not { } c)
        {
            context.Report(DiagnosticIds.InvalidValue, value.Span,
                $"'{key}' of {GuestText.Describe(kind, vmid)} uses '{GuestText.Excerpt(volume)}', which is neither 'storage:volume' nor a /dev/ path, so qemu-server drops the drive.");
            return null;
        }
        return new GuestDisk(entry.Key, value, c.Kind, c.Storage, c.Volume, isCdrom, shared, replicate, section);
    }

    /// <summary>
    /// qemu-server <c>filename_to_volume_id</c>: <c>none</c>, <c>cdrom</c>, <c>/dev/...</c> and <c>x:y</c> are kept;
    /// a bare file name of a bus drive becomes <c>local:iso/NAME</c> (cdrom) or <c>local:VMID/NAME</c>; any other
    /// path is refused.
    /// </summary>
    private static (DiskKind Kind, string? Storage, string? Volume)? ClassifyQemu(int vmid, string key, string file, bool isCdrom)
    {
        if (file == "none") return (DiskKind.None, null, null);
        if (file == "cdrom") return (DiskKind.HostCdrom, null, null);
        var colon = file.IndexOf(':');
        var volumeLike = colon > 0 && colon < file.Length - 1; // ^([^:]+):(.+)$
        if (file.StartsWith('/'))
        {
            var accepted = (file.Length > 5 && file.StartsWith("/dev/", StringComparison.Ordinal)) || volumeLike || !GuestKeys.IsBusDrive(key);
            return accepted ? (DiskKind.Device, null, file) : null;
        }
        if (volumeLike) return (DiskKind.Volume, RepeatedValues.Of(file.AsSpan(0, colon)), file[(colon + 1)..]); // storage ids repeat
        if (!GuestKeys.IsBusDrive(key)) return (DiskKind.Volume, null, file);
        if (file.Contains('/')) return null;
        return (DiskKind.Volume, "local", isCdrom ? "iso/" + file : $"{vmid}/{file}");
    }

    /// <summary>pve-container <c>classify_mountpoint</c>: <c>/dev/...</c> is a device, another absolute path a bind mount.</summary>
    private static (DiskKind Kind, string? Storage, string? Volume)? ClassifyLxc(string volume)
    {
        if (volume.StartsWith('/')) return (volume.StartsWith("/dev/", StringComparison.Ordinal) ? DiskKind.Device : DiskKind.Bind, null, volume);
        var colon = volume.IndexOf(':');
        return colon > 0 ? (DiskKind.Volume, RepeatedValues.Of(volume.AsSpan(0, colon)), volume[(colon + 1)..]) : (DiskKind.Volume, null, volume);
    }
}
