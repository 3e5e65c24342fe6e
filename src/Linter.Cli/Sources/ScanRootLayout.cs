using System.Text.RegularExpressions;
using PveLint.Sources;

namespace PveLint.Cli.Sources;

/// <summary>
/// The scan-root layout of INTERFACE.md, in one place: which relative paths of a scan root (or of an archive)
/// become which logical paths. Either the root holds <c>etc/pve/</c> next to <c>etc/default/pve-ha-manager</c>,
/// <c>hosts/&lt;node&gt;/etc/default/pve-ha-manager</c>, <c>ceph/</c> and <c>.pvelint.yaml</c>, or the root
/// itself is the copy of /etc/pve.
/// </summary>
public static partial class ScanRootLayout
{
    public const string LinterConfigName = ".pvelint.yaml";
    public const string DefaultWatchdog = "etc/default/pve-ha-manager";

    /// <summary>What marks a directory as a copy of /etc/pve itself (INTERFACE.md).</summary>
    public static readonly IReadOnlyList<string> PveCopyMarkers = ["corosync.conf", "datacenter.cfg", "ha"];

    /// <summary>
    /// The symlinks pmxcfs creates at the top of /etc/pve (pve-formats.md §4): views of nodes/&lt;this node&gt;/,
    /// so skipping them loses nothing.
    /// </summary>
    public static readonly IReadOnlySet<string> PmxcfsViews = new HashSet<string>(StringComparer.Ordinal) { "local", "qemu-server", "lxc", "openvz" };

    [GeneratedRegex(@"^hosts/[^/]+/etc/default/pve-ha-manager$", RegexOptions.CultureInvariant)]
    private static partial Regex HostWatchdog();

    /// <summary>Logical path of a file of a root layout, or null when the layout does not use it.</summary>
    public static string? MapRootEntry(string relative)
    {
        var p = ConfigTree.Normalize(relative);
        if (p == LinterConfigName || p == DefaultWatchdog || HostWatchdog().IsMatch(p)) return p;
        if (p.StartsWith(ConfigTree.PvePrefix, StringComparison.Ordinal) && p.Length > ConfigTree.PvePrefix.Length) return p;
        if (p.StartsWith("ceph/", StringComparison.Ordinal) && p.Length > 5) return p;
        return null;
    }

    /// <summary>Logical path of a file of a copy of /etc/pve (the linter config keeps its own name).</summary>
    public static string MapPveCopyEntry(string relative)
    {
        var p = ConfigTree.Normalize(relative);
        return p == LinterConfigName ? p : ConfigTree.PvePrefix + p;
    }

    /// <summary>True for a pmxcfs view symlink at the top of a copy of /etc/pve (relative to that copy).</summary>
    public static bool IsPmxcfsView(string relativeToPve) => PmxcfsViews.Contains(ConfigTree.Normalize(relativeToPve).TrimEnd('/'));
}
