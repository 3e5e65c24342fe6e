using System.Globalization;
using PveLint.Model;

namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>
/// The static load PVE's scheduler reads from a guest config (<c>get_derived_property</c>): for a VM
/// <c>vcpus</c>, else sockets × cores (each default 1), and the current memory (default 512 MiB); for a container
/// <c>cpulimit</c>, else <c>cores</c>, else 0 (= the whole node), and <c>memory</c> (default 512 MiB).
/// </summary>
public static class GuestLoads
{
    private const long MiB = 1024 * 1024;

    public static GuestLoad Of(Guest guest)
    {
        double? Number(string key) =>
            guest.Properties.TryGetValue(key, out var v) && double.TryParse(LeadingNumber(v.Value), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0 ? d : null;

        var memory = (long)((Number("memory") ?? 512) * MiB);
        var cpu = guest.Kind == GuestKind.Qemu
            ? Number("vcpus") ?? (Number("sockets") ?? 1) * (Number("cores") ?? 1)
            : Number("cpulimit") ?? Number("cores") ?? 0;
        return new GuestLoad(cpu, memory);
    }

    /// <summary>The number in <c>2048</c> or <c>current=2048</c> (the VM memory property string's default key).</summary>
    private static string LeadingNumber(string value)
    {
        var first = value.Split(',')[0];
        var eq = first.IndexOf('=');
        return (eq >= 0 && first[..eq].Trim() == "current" ? first[(eq + 1)..] : first).Trim();
    }
}
