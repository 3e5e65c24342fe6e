using PveLint.Sources;

namespace PveLint.Cli.Sources;

/// <summary>
/// A scan root on disk (INTERFACE.md "Scan root layout"): either <c>&lt;root&gt;/etc/pve/...</c> with its
/// neighbours (<c>etc/default/pve-ha-manager</c>, <c>hosts/&lt;node&gt;/...</c>, <c>ceph/</c>), or the root
/// itself is the copy of /etc/pve when it holds corosync.conf, datacenter.cfg or ha/.
/// Only the files of that layout are read, so a scan root may live inside any repository.
/// </summary>
public static class DirectorySource
{
    /// <summary>Deeper than any real /etc/pve (nodes/&lt;n&gt;/qemu-server/&lt;id&gt;.conf is four levels).</summary>
    private const int MaxDepth = 32;

    /// <summary>Reads the layout's files below <paramref name="root"/> (the linter config is found separately).</summary>
    public static void Collect(string root, string displayRoot, SourceCollector collector)
    {
        var pveDir = Path.Combine(root, "etc", "pve");
        if (!Directory.Exists(pveDir) && IsPveCopy(root))
        {
            Walk(root, root, ConfigTree.PvePrefix, displayRoot, collector, pveTop: true);
            return;
        }

        if (Directory.Exists(pveDir))
            Walk(root, pveDir, ConfigTree.PvePrefix, RepoPaths.Join(displayRoot, "etc/pve"), collector, pveTop: true);
        ReadIfPresent(root, Path.Combine(root, "etc", "default", "pve-ha-manager"), ScanRootLayout.DefaultWatchdog, displayRoot, collector);
        var hosts = Path.Combine(root, "hosts");
        if (Directory.Exists(hosts))
            foreach (var host in Directory.EnumerateDirectories(hosts).Order(StringComparer.Ordinal))
            {
                var logical = $"hosts/{Path.GetFileName(host)}/etc/default/pve-ha-manager";
                ReadIfPresent(root, Path.Combine(host, "etc", "default", "pve-ha-manager"), logical, displayRoot, collector);
            }
        var ceph = Path.Combine(root, "ceph");
        if (Directory.Exists(ceph)) Walk(root, ceph, "ceph/", RepoPaths.Join(displayRoot, "ceph"), collector, pveTop: false);
    }

    /// <summary>Whether <paramref name="root"/> looks like anything pvelint can scan (used to reject a wrong directory).</summary>
    public static bool LooksLikeScanRoot(string root) =>
        Directory.Exists(Path.Combine(root, "etc", "pve")) || IsPveCopy(root)
        || File.Exists(Path.Combine(root, "etc", "default", "pve-ha-manager"))
        || Directory.Exists(Path.Combine(root, "hosts")) || Directory.Exists(Path.Combine(root, "ceph"))
        || File.Exists(Path.Combine(root, ScanRootLayout.LinterConfigName));

    public static bool IsPveCopy(string root) =>
        ScanRootLayout.PveCopyMarkers.Any(marker => Path.Exists(Path.Combine(root, marker)));

    private static void ReadIfPresent(string root, string file, string logicalPath, string displayRoot, SourceCollector collector)
    {
        var info = new FileInfo(file);
        if (info.Exists || info.LinkTarget is not null)
            ReadFile(root, info, logicalPath, RepoPaths.Join(displayRoot, logicalPath), collector);
    }

    private static void Walk(string root, string directory, string logicalPrefix, string displayPrefix, SourceCollector collector, bool pveTop, int depth = 0)
    {
        if (collector.Stopped) return;
        if (depth > MaxDepth)
        {
            collector.Refuse(null, displayPrefix, $"directories nest deeper than {MaxDepth} levels; the rest was not read");
            return;
        }
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            collector.Refuse(null, displayPrefix, $"the directory could not be listed ({e.Message})");
            return;
        }

        foreach (var entry in entries)
        {
            if (!collector.CountEntry(displayPrefix)) return;
            var name = entry.Name;
            var display = RepoPaths.Join(displayPrefix, name);
            // The linter config of a copy-of-/etc/pve root is found by LinterConfigLocator; .git is never config.
            if ((pveTop && depth == 0 && name == ScanRootLayout.LinterConfigName) || name == ".git") continue;
            var logical = logicalPrefix + name;

            if (entry.LinkTarget is not null)
            {
                if (pveTop && depth == 0 && ScanRootLayout.IsPmxcfsView(name)) continue;
                if (entry is DirectoryInfo)
                {
                    // Not followed: inside the root it is a view of files read elsewhere, outside it is not ours.
                    if (!TargetInside(root, entry, out var target))
                        collector.Refuse(logical, display, $"is a symbolic link to '{target}' outside the scanned directory and was not followed");
                    continue;
                }
                ReadFile(root, (FileInfo)entry, logical, display, collector);
                continue;
            }

            if (entry is DirectoryInfo)
                Walk(root, entry.FullName, logical + "/", display, collector, pveTop, depth + 1);
            else
                ReadFile(root, (FileInfo)entry, logical, display, collector);
        }
    }

    private static bool TargetInside(string root, FileSystemInfo link, out string target)
    {
        FileSystemInfo? resolved = null;
        try { resolved = link.ResolveLinkTarget(returnFinalTarget: true); }
        catch (IOException) { }
        target = resolved?.FullName ?? link.LinkTarget ?? "?";
        return resolved is not null && RepoPaths.IsUnder(root, resolved.FullName);
    }

    private static void ReadFile(string root, FileInfo file, string logicalPath, string displayPath, SourceCollector collector)
    {
        if (PveLint.Binding.ClusterBinder.IsSecret(logicalPath)) return;
        try
        {
            if (file.LinkTarget is not null)
            {
                if (!TargetInside(root, file, out var target))
                {
                    collector.Refuse(logicalPath, displayPath, File.Exists(target) || Directory.Exists(target)
                        ? $"is a symbolic link to '{target}' outside the scanned directory and was not followed"
                        : $"is a symbolic link to '{target}', which does not exist");
                    return;
                }
                file = new FileInfo(file.ResolveLinkTarget(returnFinalTarget: true)!.FullName);
            }

            // A FIFO or device also reports length 0; never opening empty files means a scan can never block on one.
            var length = file.Length;
            if (length == 0)
            {
                collector.AddBytes(logicalPath, displayPath, ReadOnlySpan<byte>.Empty);
                return;
            }
            if (!collector.Admit(logicalPath, displayPath, length)) return;
            var buffer = new byte[length];
            using (var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                if (read < buffer.Length) Array.Resize(ref buffer, read);
            }
            collector.AddBytes(logicalPath, displayPath, buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            collector.Refuse(logicalPath, displayPath, $"the file could not be read ({e.Message})");
        }
    }
}
