using System.Formats.Tar;
using PveLint.Sources;

namespace PveLint.Cli.Sources;

/// <summary>
/// A <c>.tar</c>, <c>.tar.gz</c> or <c>.tgz</c> of /etc/pve, read forward-only in memory (so a pipe works too):
/// nothing is ever extracted to disk. A leading <c>./</c>, <c>etc/pve/</c> or <c>pve/</c> is stripped so the
/// archive stands for etc/pve; an archive that holds <c>etc/pve/</c> is read with the whole scan-root layout
/// (hosts/, ceph/ ...). Entries that climb out ('..'), absolute paths, links, devices and FIFOs are refused as
/// PVE0010; the pmxcfs view symlinks (local, qemu-server, lxc, openvz) are skipped silently. The limits apply
/// while the archive streams: no entry above the file limit is read, nothing past the total budget is
/// decompressed. A damaged archive (bad header, failed gzip CRC) is an <see cref="InputException"/>.
/// </summary>
public static class TarSource
{
    /// <summary>An entry read before the layout is known; <see cref="Data"/> is null for entries without (or with too much) data.</summary>
    private sealed record RawEntry(string Name, TarEntryType Type, long Size, string? LinkName)
    {
        public byte[]? Data { get; set; }
    }

    /// <summary>Whether the bytes start like a tar archive (POSIX/GNU "ustar" magic at offset 257).</summary>
    public static bool LooksLikeTar(ReadOnlySpan<byte> head) =>
        head.Length >= 262 && head.Slice(257, 5).SequenceEqual("ustar"u8);

    public static bool LooksLikeGzip(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b;

    /// <summary>Reads the archive from <paramref name="archive"/> (positioned at its first byte), which it disposes.</summary>
    public static void Collect(Stream archive, bool gzip, string archiveDisplay, SourceCollector collector)
    {
        var state = new Layout(archiveDisplay, collector);
        var limits = collector.Limits;
        // Headers and padding come on top of the file data; allow for them generously.
        var expandLimit = limits.MaxTotalBytes + 1024L * Math.Min(limits.MaxEntries, 1_000_000) + 1024 * 1024;
        long fileBytes = 0;
        string? overBudget = null;
        try
        {
            using var bounded = new BoundedReadStream(gzip ? new GzipIntegrityStream(archive) : archive, expandLimit);
            var reader = new TarStreamReader(bounded);
            while (reader.Next() is { } header)
            {
                if (!collector.CountEntry(archiveDisplay)) break;
                var entry = new RawEntry(Normalize(header.Name), header.Type, header.Size, header.LinkName);
                if (IsFile(entry.Type) && entry.Size <= limits.MaxFileBytes && NameProblem(entry.Name) is null)
                {
                    if (fileBytes + entry.Size > limits.MaxTotalBytes)
                    {
                        overBudget = $"{archiveDisplay}!/{entry.Name}";
                        break;
                    }
                    fileBytes += entry.Size;
                    entry.Data = new byte[entry.Size];
                    reader.ReadData(entry.Data);
                }
                state.Add(entry);
            }
            if (!collector.Stopped && overBudget is null) reader.DrainTo(expandLimit - bounded.BytesRead);
        }
        catch (ReadLimitExceededException e)
        {
            collector.Refuse(null, archiveDisplay,
                $"the archive expands to more than {SourceLimits.Describe(e.Limit)}; entries after the first {state.Count} were not read");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException or ArgumentException)
        {
            var detail = e is EndOfStreamException ? "it ends unexpectedly; the file is truncated" : e.Message.TrimEnd('.');
            var where = state.Count == 0 ? "" : $" after {state.Count} entr{(state.Count == 1 ? "y" : "ies")}";
            throw new InputException($"{archiveDisplay}: not a readable tar archive{where} ({detail}); nothing was scanned", e);
        }
        state.Finish(overBudget);
    }

    private static bool IsFile(TarEntryType type) => type is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile;

    /// <summary>
    /// Maps entries to logical paths. Whether the archive is a whole scan root is known once an etc/pve entry
    /// appears (usually the first); entries before that wait, within the byte budget already enforced.
    /// </summary>
    private sealed class Layout(string archiveDisplay, SourceCollector collector)
    {
        private readonly List<RawEntry> _waiting = new();
        private bool? _rootLayout;
        private int _usable;
        private bool _refusedName;

        public int Count { get; private set; }

        public void Add(RawEntry entry)
        {
            Count++;
            if (_rootLayout is null && (entry.Name == "etc/pve" || entry.Name.StartsWith(ConfigTree.PvePrefix, StringComparison.Ordinal)))
            {
                _rootLayout = true;
                foreach (var waiting in _waiting) Map(waiting);
                _waiting.Clear();
            }
            if (_rootLayout is null) _waiting.Add(entry);
            else Map(entry);
        }

        /// <summary>Maps what still waits; <paramref name="overBudget"/> names the entry that would have passed the byte budget.</summary>
        public void Finish(string? overBudget)
        {
            _rootLayout ??= false;
            foreach (var waiting in _waiting) Map(waiting);
            _waiting.Clear();
            if (overBudget is not null) collector.ReportTotalExceeded(overBudget);
            if (_usable == 0 && !collector.Stopped && !_refusedName)
                throw new InputException($"{archiveDisplay}: the archive holds no files of a copy of /etc/pve");
        }

        private void Map(RawEntry entry)
        {
            var data = entry.Data;
            entry.Data = null; // the text replaces the bytes; never hold both for the whole archive
            if (NameProblem(entry.Name) is { } problem)
            {
                _refusedName = true;
                collector.Refuse(null, archiveDisplay, $"entry '{entry.Name.Replace("\0", "\\0")}' {problem}; it was refused");
                return;
            }
            var display = $"{archiveDisplay}!/{entry.Name}";

            string? logical;
            string? relativeToPve;
            if (_rootLayout == true)
            {
                logical = ScanRootLayout.MapRootEntry(entry.Name);
                relativeToPve = entry.Name.StartsWith(ConfigTree.PvePrefix, StringComparison.Ordinal) ? entry.Name[ConfigTree.PvePrefix.Length..] : null;
            }
            else
            {
                relativeToPve = entry.Name.StartsWith("pve/", StringComparison.Ordinal) ? entry.Name[4..] : entry.Name;
                logical = relativeToPve.Length == 0 ? null : ScanRootLayout.MapPveCopyEntry(relativeToPve);
            }
            if (logical is null || entry.Type is TarEntryType.Directory or TarEntryType.GlobalExtendedAttributes || SecretPaths.IsSecret(logical)) return;
            Use(entry, logical, relativeToPve, display, data);
        }

        private void Use(RawEntry entry, string logical, string? relativeToPve, string display, byte[]? data)
        {
            _usable++;
            switch (entry.Type)
            {
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    if (data is null) collector.Admit(logical, display, entry.Size); // too large: reported there
                    else collector.AddBytes(logical, display, data);
                    break;
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    if (relativeToPve is not null && ScanRootLayout.IsPmxcfsView(relativeToPve)) break;
                    collector.Refuse(logical, display,
                        $"is a {(entry.Type == TarEntryType.HardLink ? "hard" : "symbolic")} link to '{entry.LinkName}'; links inside archives are not followed");
                    break;
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                    collector.Refuse(logical, display, $"is a {Describe(entry.Type)}, not a regular file; the entry was refused");
                    break;
                default:
                    collector.Refuse(logical, display, $"is a tar entry of type {entry.Type}, which pvelint does not read");
                    break;
            }
        }
    }

    /// <summary>Tar names use '/'; '\' is folded too so "..\" cannot slip past the check. "./" and empty segments go.</summary>
    private static string Normalize(string name)
    {
        var p = name.Replace('\\', '/');
        var absolute = p.StartsWith('/');
        var segments = p.Split('/').Where(s => s.Length > 0 && s != ".");
        return (absolute ? "/" : "") + string.Join('/', segments);
    }

    private static string? NameProblem(string name)
    {
        if (name.Contains('\0')) return "has a NUL byte in its name";
        if (name.StartsWith('/') || (name.Length >= 2 && name[1] == ':')) return "has an absolute path";
        if (name.Split('/').Contains("..")) return "climbs out of the archive with '..'";
        return null;
    }

    private static string Describe(TarEntryType type) => type switch
    {
        TarEntryType.CharacterDevice => "character device",
        TarEntryType.BlockDevice => "block device",
        TarEntryType.Fifo => "FIFO",
        _ => type.ToString(),
    };
}
