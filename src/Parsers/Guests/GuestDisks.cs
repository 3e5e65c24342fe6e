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
        string? media = null, sharedValue = null, replicateValue = null;
        var (volumeStart, volumeLength) = (-1, 0); // where the volume is in the value: most are classified without a string of it
        foreach (var part in PropertyString.Parts(value.Value))
        {
            if (part.Broken) continue;
            if (!part.Keyed || part.Key is "file" or "volume")
            {
                if (volumeStart < 0) (volumeStart, volumeLength) = (part.Offset + (part.Keyed ? part.Eq + 1 : 0), part.Value.Length);
                continue;
            }
            switch (part.Key)
            {
                case "media": media = RepeatedValues.Of(part.Value); break;
                case "shared": sharedValue = RepeatedValues.Of(part.Value); break;
                case "replicate": replicateValue = RepeatedValues.Of(part.Value); break;
            }
        }

        if (volumeStart < 0)
        {
            context.Report(DiagnosticIds.InvalidValue, value.Span, $"'{key}' of {GuestText.Describe(kind, vmid)} names no volume, so {GuestText.Reader(kind)} drops it.");
            return null;
        }

        var volume = new VolumeText(value.Value, volumeStart, volumeLength);
        var isCdrom = media == "cdrom" || (kind == GuestKind.Qemu && volume.Span is "cdrom");
        var shared = sharedValue is { } s && GuestText.ParseBoolean(s) == true;
        var replicate = replicateValue is not { } r || GuestText.ParseBoolean(r) != false;

        var classified = kind == GuestKind.Qemu ? ClassifyQemu(vmid, key, volume, isCdrom) : ClassifyLxc(volume);
        if (classified is not { } c)
        {
            context.Report(DiagnosticIds.InvalidValue, value.Span,
                $"'{key}' of {GuestText.Describe(kind, vmid)} uses '{GuestText.Excerpt(volume.ToString())}', which is neither 'storage:volume' nor a /dev/ path, so qemu-server drops the drive.");
            return null;
        }
        return new GuestDisk(entry.Key, value, c.Kind, c.Storage, c.Volume, isCdrom, shared, replicate, section);
    }

    /// <summary>
    /// qemu-server <c>filename_to_volume_id</c>: <c>none</c>, <c>cdrom</c>, <c>/dev/...</c> and <c>x:y</c> are kept;
    /// a bare file name of a bus drive becomes <c>local:iso/NAME</c> (cdrom) or <c>local:VMID/NAME</c>; any other
    /// path is refused.
    /// </summary>
    private static (DiskKind Kind, string? Storage, string? Volume)? ClassifyQemu(int vmid, string key, VolumeText volume, bool isCdrom)
    {
        var file = volume.Span;
        if (file is "none") return (DiskKind.None, null, null);
        if (file is "cdrom") return (DiskKind.HostCdrom, null, null);
        var colon = file.IndexOf(':');
        var volumeLike = colon > 0 && colon < file.Length - 1; // ^([^:]+):(.+)$
        if (file is ['/', ..])
        {
            var accepted = (file.Length > 5 && file.StartsWith("/dev/", StringComparison.Ordinal)) || volumeLike || !GuestKeys.IsBusDrive(key);
            return accepted ? (DiskKind.Device, null, volume.ToString()) : null;
        }
        if (volumeLike) return (DiskKind.Volume, RepeatedValues.Of(file[..colon]), file[(colon + 1)..].ToString()); // storage ids repeat
        if (!GuestKeys.IsBusDrive(key)) return (DiskKind.Volume, null, volume.ToString());
        if (file.Contains('/')) return null;
        return (DiskKind.Volume, "local", isCdrom ? string.Concat("iso/", file) : $"{vmid}/{file}");
    }

    /// <summary>pve-container <c>classify_mountpoint</c>: <c>/dev/...</c> is a device, another absolute path a bind mount.</summary>
    private static (DiskKind Kind, string? Storage, string? Volume)? ClassifyLxc(VolumeText volume)
    {
        var text = volume.Span;
        if (text is ['/', ..]) return (text.StartsWith("/dev/", StringComparison.Ordinal) ? DiskKind.Device : DiskKind.Bind, null, volume.ToString());
        var colon = text.IndexOf(':');
        return colon > 0 ? (DiskKind.Volume, RepeatedValues.Of(text[..colon]), text[(colon + 1)..].ToString()) : (DiskKind.Volume, null, volume.ToString());
    }

    /// <summary>The volume part of a disk's value, as a string only when one is kept (the whole value when it is all of it).</summary>
    private readonly struct VolumeText(string value, int start, int length)
    {
        public ReadOnlySpan<char> Span => value.AsSpan(start, length);

        public override string ToString() => start == 0 && length == value.Length ? value : value.Substring(start, length);
    }
}
