using PveLint.Text;
using PveLint.Model;
using PveLint.Sources;

namespace PveLint.Binding;

/// <summary>
/// The tree paths the binder recognises by their shape: guest configs and per-node watchdog settings. Read by hand
/// rather than by a regular expression: a large cluster has one path per guest, and a match with its groups cost
/// more than reading the path.
/// </summary>
internal static class TreePaths
{
    private const string Pve = ConfigTree.PvePrefix;
    private const string Nodes = "nodes/";
    private const string Conf = ".conf";
    private const string Hosts = "hosts/";
    private const string HostWatchdog = "/etc/default/pve-ha-manager";

    /// <summary>
    /// <c>etc/pve/nodes/NODE/{qemu-server,lxc}/VMID.conf</c>, or <c>etc/pve/{qemu-server,lxc}/VMID.conf</c> (the
    /// 'local' symlink of a live copy: <paramref name="node"/> is null). VMID is ASCII digits that fit an int.
    /// </summary>
    public static bool IsGuestConfig(string path, out string? node, out GuestKind kind, out int vmid)
    {
        node = null;
        kind = default;
        vmid = 0;
        if (!path.StartsWith(Pve, StringComparison.Ordinal) || !path.EndsWith(Conf, StringComparison.Ordinal)) return false;
        var rest = path.AsSpan(Pve.Length, path.Length - Pve.Length - Conf.Length);
        if (rest.StartsWith(Nodes, StringComparison.Ordinal))
        {
            var slash = rest[Nodes.Length..].IndexOf('/');
            if (slash <= 0) return false;
            var name = rest.Slice(Nodes.Length, slash);
            var local = rest[(Nodes.Length + slash + 1)..];
            if (!IsGuestFile(local, out kind, out vmid)) return false;
            node = RepeatedValues.Of(name); // a node's name, once per node for its thousands of guests
            return true;
        }
        return IsGuestFile(rest, out kind, out vmid);
    }

    /// <summary><c>hosts/NODE/etc/default/pve-ha-manager</c>: the node's name, else null.</summary>
    public static string? WatchdogSettingsNode(string path)
    {
        if (!path.StartsWith(Hosts, StringComparison.Ordinal) || !path.EndsWith(HostWatchdog, StringComparison.Ordinal)) return null;
        var node = path.AsSpan(Hosts.Length, Math.Max(0, path.Length - Hosts.Length - HostWatchdog.Length));
        return node.IsEmpty || node.Contains('/') ? null : node.ToString();
    }

    /// <summary><c>qemu-server/VMID</c> or <c>lxc/VMID</c> (the <c>.conf</c> already cut off).</summary>
    private static bool IsGuestFile(ReadOnlySpan<char> local, out GuestKind kind, out int vmid)
    {
        kind = default;
        vmid = 0;
        var slash = local.IndexOf('/');
        if (slash < 0) return false;
        var directory = local[..slash];
        if (directory.SequenceEqual("qemu-server")) kind = GuestKind.Qemu;
        else if (directory.SequenceEqual("lxc")) kind = GuestKind.Lxc;
        else return false;
        var id = local[(slash + 1)..];
        if (id.IsEmpty) return false;
        foreach (var c in id)
            if (!char.IsAsciiDigit(c)) return false;
        return int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out vmid);
    }
}
