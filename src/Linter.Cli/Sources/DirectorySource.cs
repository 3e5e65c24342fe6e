using System.IO.Enumeration;
using PveLint.Sources;

namespace PveLint.Cli.Sources;

/// <summary>
/// A scan root on disk (INTERFACE.md "Scan root layout"): either <c>&lt;root&gt;/etc/pve/...</c> with its
/// neighbours (<c>etc/default/pve-ha-manager</c>, <c>hosts/&lt;node&gt;/...</c>, <c>ceph/</c>), or the root
/// itself is the copy of /etc/pve when it holds corosync.conf, datacenter.cfg or ha/.
/// Only the files of that layout are read, so a scan root may live inside any repository. Every path is
/// checked against the <see cref="ScanBoundary"/> before it is opened, only regular files are opened, and
/// secret directories (priv/) are never even listed.
/// </summary>
public static class DirectorySource
{
    /// <summary>Deeper than any real /etc/pve (nodes/&lt;n&gt;/qemu-server/&lt;id&gt;.conf is four levels).</summary>
    public const int MaxDepth = 32;

    /// <summary>Reads the layout's files below <paramref name="root"/> (the linter config is found separately).</summary>
    public static void Collect(string root, string displayRoot, SourceCollector collector)
    {
        var walk = new Walker(ScanBoundary.Of(root), displayRoot, collector);
        var pveDir = Path.Combine(root, "etc", "pve");
        if (!Directory.Exists(pveDir) && IsPveCopy(root))
        {
            walk.Top(walk.Boundary.Root, ConfigTree.PvePrefix, displayRoot);
            return;
        }

        if (walk.Part("etc/pve") is { } pve) walk.Top(pve, ConfigTree.PvePrefix, RepoPaths.Join(displayRoot, "etc/pve"));
        walk.ReadPart(ScanRootLayout.DefaultWatchdog);
        if (walk.Part("hosts") is { } hosts)
            foreach (var host in walk.List(hosts, RepoPaths.Join(displayRoot, "hosts"), top: false))
            {
                if (!collector.CountEntry(RepoPaths.Join(displayRoot, "hosts"), "hosts")) break;
                walk.ReadPart($"hosts/{host.Name}/etc/default/pve-ha-manager");
            }
        if (walk.Part("ceph") is { } ceph) walk.Walk(ceph, "ceph/", RepoPaths.Join(displayRoot, "ceph"), pveTop: false, depth: 0);
    }

    /// <summary>Whether <paramref name="root"/> looks like anything pvelint can scan (used to reject a wrong directory).</summary>
    public static bool LooksLikeScanRoot(string root) =>
        Directory.Exists(Path.Combine(root, "etc", "pve")) || IsPveCopy(root)
        || File.Exists(Path.Combine(root, "etc", "default", "pve-ha-manager"))
        || Directory.Exists(Path.Combine(root, "hosts")) || Directory.Exists(Path.Combine(root, "ceph"))
        || File.Exists(Path.Combine(root, ScanRootLayout.LinterConfigName));

    public static bool IsPveCopy(string root) =>
        ScanRootLayout.PveCopyMarkers.Any(marker => Path.Exists(Path.Combine(root, marker)));

    /// <summary>A name in a directory listing and its path.</summary>
    public readonly record struct DirectoryEntry(string Name, string FullName);

    /// <summary>What <c>DirectoryInfo.EnumerateFileSystemInfos()</c> lists: hidden and system entries too, errors thrown.</summary>
    private static readonly EnumerationOptions ListEverything = new() { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };

    private sealed class Walker(ScanBoundary boundary, string displayRoot, SourceCollector collector)
    {
        public ScanBoundary Boundary => boundary;

        /// <summary>A directory of the layout (etc/pve, hosts, ceph), resolved; null when absent or refused.</summary>
        public string? Part(string relative)
        {
            var path = Path.Combine(boundary.Root, relative);
            if (!Path.Exists(path) && new FileInfo(path).LinkTarget is null && !HasLinkedParent(relative)) return null;
            if (boundary.Check(path, out var target) is { } problem)
            {
                collector.Refuse(relative, RepoPaths.Join(displayRoot, relative), problem);
                return null;
            }
            return Directory.Exists(target) ? target : null;
        }

        /// <summary>A single file of the layout (a watchdog default), read when present.</summary>
        public void ReadPart(string relative)
        {
            var path = Path.Combine(boundary.Root, relative);
            if (!Path.Exists(path) && new FileInfo(path).LinkTarget is null) return;
            Read(path, relative, RepoPaths.Join(displayRoot, relative));
        }

        /// <summary>The top of a copy of /etc/pve: it must be listable, or nothing at all would be scanned.</summary>
        public void Top(string directory, string logicalPrefix, string displayPrefix) =>
            Walk(directory, logicalPrefix, displayPrefix, pveTop: true, depth: 0);

        public void Walk(string directory, string logicalPrefix, string displayPrefix, bool pveTop, int depth)
        {
            if (collector.Stopped) return;
            if (depth > MaxDepth)
            {
                collector.Refuse(null, displayPrefix, $"directories nest deeper than {MaxDepth} levels; the rest was not read");
                return;
            }
            var entries = List(directory, displayPrefix, pveTop && depth == 0);
            // The linter config of a copy-of-/etc/pve root is found by LinterConfigLocator; secrets are decided by name alone:
            // priv/ is never listed, a key never opened (a real copy has priv/ mode 0700).
            // The directory itself passed this check, and a secret is a segment or a '.key' ending: the name alone decides.
            bool Skipped(string name) => (pveTop && depth == 0 && name == ScanRootLayout.LinterConfigName) || SecretPaths.IsSecret(name);
            var ahead = entries.Count >= DirectoryPrefetch.Threshold && !collector.Stopped
                ? DirectoryPrefetch.Of(entries, i => !Skipped(entries[i].Name), collector.RemainingBytes, collector.Limits.MaxFileBytes, collector.Cancellation)
                : null;
            // Scanning the repository root itself, a file's display path is its logical path: one string for both.
            var displayIsLogical = logicalPrefix.Length == displayPrefix.Length + 1 && logicalPrefix.StartsWith(displayPrefix, StringComparison.Ordinal);
            for (var i = 0; i < entries.Count; i++)
            {
                if (!collector.CountEntry(displayPrefix, logicalPrefix)) return;
                var (name, fullName) = entries[i];
                if (Skipped(name)) continue;
                var logical = logicalPrefix + name;
                var display = displayIsLogical ? logical : RepoPaths.Join(displayPrefix, name);

                var status = ahead?[i]?.Status ?? FileProbe.Stat(fullName, followLinks: false);
                switch (status.Kind)
                {
                    case FileKind.SymbolicLink:
                        if (pveTop && depth == 0 && ScanRootLayout.IsPmxcfsView(name)) continue;
                        FollowLink(fullName, logical, display);
                        break;
                    case FileKind.Directory:
                        Walk(fullName, logical + "/", display, pveTop, depth + 1);
                        break;
                    case FileKind.Missing when status.Errno is 0 or 2:
                        break; // removed while listing (another error, such as EACCES, is reported by Read)
                    default:
                        // Not a link, inside a checked directory: inside the boundary by construction.
                        if (ahead?[i] is { Read: true } read) Take(read, fullName, logical, display);
                        else Read(fullName, logical, display, checkedTarget: true, seenRegular: status.Kind == FileKind.Regular);
                        break;
                }
            }
        }

        /// <summary>A file read ahead (<see cref="DirectoryPrefetch"/>), taken as <see cref="Read"/> would have read it now.</summary>
        private void Take(DirectoryPrefetch.Entry read, string path, string logical, string display)
        {
            if (read.Failure is { } failure)
            {
                RefuseUnreadable(failure, logical, display);
                return;
            }
            collector.RecordInput(path, read.Opened);
            collector.AddDecoded(logical, display, read.ByteCount, read.Text);
        }

        /// <summary>A file that could not be read (now or ahead), as PVE0010.</summary>
        private void RefuseUnreadable(Exception failure, string logical, string display) =>
            collector.Refuse(logical, display, failure is UnreadableFileException e
                ? $"the file {e.Reason}, and was not read"
                : $"the file could not be read ({failure.Message.TrimEnd('.')})");

        /// <summary>A link is followed to a file inside the boundary; links to directories are views of files read elsewhere.</summary>
        private void FollowLink(string path, string logical, string display)
        {
            if (boundary.Check(path, out var target) is { } problem)
            {
                collector.Refuse(logical, display, problem);
                return;
            }
            if (!Directory.Exists(target)) Read(target, logical, display, checkedTarget: true);
        }

        private void Read(string path, string logical, string display, bool checkedTarget = false, bool seenRegular = false)
        {
            if (SecretPaths.IsSecret(logical)) return;
            var target = path;
            if (!checkedTarget && boundary.Check(path, out target) is { } problem)
            {
                collector.Refuse(logical, display, problem);
                return;
            }
            try
            {
                collector.AddBytes(logical, display, collector.ReadFile(target, seenRegular));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                RefuseUnreadable(e, logical, display);
            }
        }

        /// <summary>
        /// The entries of a directory in ordinal order, at most as many as the entry limit still allows (a
        /// directory of millions of entries is never held in memory); a directory that cannot be listed is PVE0010.
        /// </summary>
        public List<DirectoryEntry> List(string directory, string displayPrefix, bool top)
        {
            try
            {
                // Names only: FileSystemInfo would lstat every entry, and the walk asks statx about each one anyway.
                var names = new FileSystemEnumerable<DirectoryEntry>(directory,
                    (ref FileSystemEntry e) => new DirectoryEntry(e.FileName.ToString(), e.ToFullPath()), ListEverything);
                // Into one list, sorted in place (a directory of a large tree holds thousands of guest configs).
                var limit = collector.RemainingEntries + 1;
                var entries = new List<DirectoryEntry>();
                foreach (var entry in names)
                {
                    if (entries.Count == limit) break;
                    entries.Add(entry);
                }
                entries.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                return entries;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (top) throw new InputException($"{displayPrefix}: the directory cannot be listed ({e.Message.TrimEnd('.')}); nothing was scanned", e);
                collector.Refuse(null, displayPrefix, $"the directory could not be listed ({e.Message.TrimEnd('.')})");
                return [];
            }
        }

        private bool HasLinkedParent(string relative)
        {
            var parent = Path.GetDirectoryName(relative);
            return !string.IsNullOrEmpty(parent) && (new FileInfo(Path.Combine(boundary.Root, parent)).LinkTarget is not null || HasLinkedParent(parent));
        }
    }
}
