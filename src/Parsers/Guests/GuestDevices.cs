using PveLint.Model;
using PveLint.PropertyStrings;
using PveLint.Text;

namespace PveLint.Guests;

/// <summary>
/// Local devices of a guest and whether they block migration, per qemu-server <c>check_local_resources</c>
/// (reference/pve-formats.md §3.1 "Migration blockers"):
/// <list type="bullet">
/// <item><c>hostpciN</c> blocks unless it uses a cluster <c>mapping=</c>: mapped devices never block offline
/// migration, and block live migration only when the mapping is not <c>live-migration-capable</c> (that flag lives in
/// <c>mapping/pci.cfg</c>, so rules decide it from <see cref="GuestDevice.Mapping"/>);</item>
/// <item><c>usbN</c> blocks unless <c>host=spice</c> (a mapped USB device still blocks);</item>
/// <item><c>serialN</c> blocks unless its value is exactly <c>socket</c>;</item>
/// <item><c>parallelN</c>, <c>virtiofsN</c> and <c>ivshmem</c> always block;</item>
/// <item>LXC <c>devN</c> does not: pve-container's migration has no local-resource check (LXC/Migrate.pm
/// "todo: test if VM uses local resources"); the container fails to start where the device is missing.</item>
/// </list>
/// </summary>
internal static class GuestDevices
{
    public static GuestDevice Read(SourceFile file, string family, GuestEntry entry)
    {
        var value = entry.Value;
        var items = PropertyString.Parse(file, file.LineStart(value.Span.Line) + value.Span.Column - 1, value.Value).Items;
        string? Option(string name) => PropertyString.LastValue(items, name);
        string? Default(string name) => PropertyString.FirstUnkeyed(items) ?? Option(name);

        var (mapping, blocks) = family switch
        {
            "hostpci" => (Option("mapping"), Option("mapping") is null),
            "usb" => (Option("mapping"), !string.Equals(Default("host"), "spice", StringComparison.OrdinalIgnoreCase)),
            "serial" => (null, value.Value != "socket"),
            "virtiofs" => (Default("dirid"), true),
            "dev" => ((string?)null, false),
            _ => (null, true), // parallel, ivshmem
        };
        return new GuestDevice(entry.Key, value, family, mapping, blocks);
    }
}
