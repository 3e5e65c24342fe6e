using System.Formats.Tar;
using System.IO.Compression;
using PveLint.Sources;

namespace PveLint.Cli.Sources;

/// <summary>
/// A <c>.tar</c>, <c>.tar.gz</c> or <c>.tgz</c> of /etc/pve, read entirely in memory: nothing is ever extracted
/// to disk. A leading <c>./</c>, <c>etc/pve/</c> or <c>pve/</c> is stripped so the archive stands for etc/pve; an
/// archive that holds <c>etc/pve/</c> is read with the whole scan-root layout (hosts/, ceph/ ...). Entries that
/// climb out ('..'), absolute paths, links, devices and FIFOs are refused as PVE0010; the pmxcfs view symlinks
/// (local, qemu-server, lxc, openvz) are skipped silently. A damaged archive is an <see cref="InputException"/>.
/// </summary>
public static class TarSource
{
    private sealed record RawEntry(string Name, TarEntryType Type, byte[]? Data, long Size, string? LinkName);

    /// <summary>Whether the bytes start like a tar archive (POSIX/GNU "ustar" magic at offset 257).</summary>
    public static bool LooksLikeTar(ReadOnlySpan<byte> head) =>
        head.Length >= 262 && head.Slice(257, 5).SequenceEqual("ustar"u8);

    public static bool LooksLikeGzip(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b;

    public static void Collect(string archivePath, string archiveDisplay, SourceCollector collector)
    {
        var entries = ReadEntries(archivePath, archiveDisplay, collector);
        var rootLayout = entries.Any(e => e.Name == "etc/pve" || e.Name.StartsWith(ConfigTree.PvePrefix, StringComparison.Ordinal));
        var usable = 0;
        foreach (var entry in entries)
        {
            if (NameProblem(entry.Name) is { } problem)
            {
                collector.Refuse(null, archiveDisplay, $"entry '{entry.Name.Replace("\0", "\\0")}' {problem}; it was refused");
                continue;
            }
            var display = $"{archiveDisplay}!/{entry.Name}";

            string? logical;
            string? relativeToPve;
            if (rootLayout)
            {
                logical = ScanRootLayout.MapRootEntry(entry.Name);
                relativeToPve = entry.Name.StartsWith(ConfigTree.PvePrefix, StringComparison.Ordinal) ? entry.Name[ConfigTree.PvePrefix.Length..] : null;
            }
            else
            {
                relativeToPve = entry.Name.StartsWith("pve/", StringComparison.Ordinal) ? entry.Name[4..] : entry.Name;
                logical = relativeToPve.Length == 0 ? null : ScanRootLayout.MapPveCopyEntry(relativeToPve);
            }
            if (logical is null || entry.Type is TarEntryType.Directory or TarEntryType.GlobalExtendedAttributes) continue;
            if (PveLint.Binding.ClusterBinder.IsSecret(logical)) continue;
            usable++;

            switch (entry.Type)
            {
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    if (entry.Data is null) collector.Admit(logical, display, entry.Size); // too large: reported there
                    else collector.AddBytes(logical, display, entry.Data);
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
        if (usable == 0 && !collector.Stopped && !entries.Any(e => NameProblem(e.Name) is not null))
            throw new InputException($"{archiveDisplay}: the archive holds no files of a copy of /etc/pve");
    }

    private static List<RawEntry> ReadEntries(string archivePath, string archiveDisplay, SourceCollector collector)
    {
        var limits = collector.Limits;
        var entries = new List<RawEntry>();
        try
        {
            using var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read);
            Span<byte> head = stackalloc byte[2];
            var gzip = file.Read(head) == 2 && LooksLikeGzip(head);
            file.Position = 0;
            Stream raw = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            // Headers and padding come on top of the file data; allow for them generously.
            using var bounded = new BoundedReadStream(raw, limits.MaxTotalBytes + 1024L * Math.Min(limits.MaxEntries, 1_000_000) + 1024 * 1024);
            using var reader = new TarReader(bounded);
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                if (!collector.CountEntry(archiveDisplay)) break;
                var name = Normalize(entry.Name);
                byte[]? data = null;
                var isFile = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile;
                if (isFile && entry.Length <= limits.MaxFileBytes && entry.DataStream is { } stream)
                {
                    data = new byte[entry.Length];
                    stream.ReadExactly(data);
                }
                else if (isFile && entry.DataStream is null)
                {
                    data = [];
                }
                entries.Add(new RawEntry(name, entry.EntryType, data, entry.Length, entry.LinkName));
            }
        }
        catch (ReadLimitExceededException e)
        {
            collector.Refuse(null, archiveDisplay,
                $"the archive expands to more than {SourceLimits.Describe(e.Limit)}; entries after the first {entries.Count} were not read");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException or ArgumentException)
        {
            var detail = e is EndOfStreamException ? "it ends unexpectedly; the file is truncated" : e.Message.TrimEnd('.');
            var where = entries.Count == 0 ? "" : $" after {entries.Count} entr{(entries.Count == 1 ? "y" : "ies")}";
            throw new InputException($"{archiveDisplay}: not a readable tar archive{where} ({detail}); nothing was scanned", e);
        }
        return entries;
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
