using System.Collections.Immutable;
using PveLint.Diagnostics;

namespace PveLint.Sources;

/// <summary>
/// A read-only, in-memory view of one cluster's files, keyed by logical path. Built by the CLI from a
/// directory, a tar archive or a pmxcfs config.db, by the analyzer from AdditionalFiles, or by tests from
/// strings. Everything after this step works on text only.
/// </summary>
public sealed class ConfigTree
{
    /// <summary>Files larger than this are not parsed (PVE0010); pmxcfs itself caps a file at 1 MiB.</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    public const string PvePrefix = "etc/pve/";

    /// <summary>One file per logical path (the last given wins), in ordinal order of the paths: found by a binary search.</summary>
    private readonly ConfigFile[] _files;

    public ConfigTree(IEnumerable<ConfigFile> files, IEnumerable<Diagnostic>? sourceDiagnostics = null, string? description = null)
    {
        // A sorted array, not a sorted dictionary: a large tree has tens of thousands of files, and a node per file.
        var given = new List<(ConfigFile File, int Order)>(files is ICollection<ConfigFile> known ? known.Count : 0);
        foreach (var file in files)
        {
            var path = Normalize(file.Path);
            given.Add((path == file.Path ? file : file with { Path = path }, given.Count));
        }
        given.Sort(static (a, b) => string.CompareOrdinal(a.File.Path, b.File.Path) is var byPath and not 0 ? byPath : a.Order.CompareTo(b.Order));
        var kept = new List<ConfigFile>(given.Count);
        for (var i = 0; i < given.Count; i++)
            if (i + 1 == given.Count || given[i + 1].File.Path != given[i].File.Path) kept.Add(given[i].File);
        _files = [.. kept];
        SourceDiagnostics = sourceDiagnostics?.ToImmutableArray() ?? ImmutableArray<Diagnostic>.Empty;
        Description = description ?? "";
    }

    /// <summary>Builds a tree from (logical path, text) pairs; the display path equals the logical path.</summary>
    public static ConfigTree FromTexts(IEnumerable<KeyValuePair<string, string>> files) =>
        new(files.Select(kv => new ConfigFile(kv.Key, kv.Value, Normalize(kv.Key))));

    /// <summary>Problems met while collecting the files (unreadable entries, refused archive members): PVE0010.</summary>
    public ImmutableArray<Diagnostic> SourceDiagnostics { get; }

    /// <summary>
    /// True when a limit (entries, total size) stopped the read: files that were not read may exist, so nothing may be
    /// called missing (<see cref="UnseenFiles"/>).
    /// </summary>
    public bool ReadCutShort { get; init; }

    /// <summary>What was scanned, for messages ("directory x", "archive y").</summary>
    public string Description { get; }

    public IEnumerable<ConfigFile> Files => _files;

    public ConfigFile? Get(string logicalPath)
    {
        var path = Normalize(logicalPath);
        int low = 0, high = _files.Length - 1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var order = string.CompareOrdinal(_files[middle].Path, path);
            if (order == 0) return _files[middle];
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }
        return null;
    }

    /// <summary>Files whose logical path starts with the prefix, in ordinal order.</summary>
    public IEnumerable<ConfigFile> Under(string prefix)
    {
        var p = Normalize(prefix);
        return _files.Where(f => f.Path.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>The display path of a logical path (the logical path itself when the file is unknown).</summary>
    public string DisplayPathOf(string logicalPath) => Get(logicalPath)?.DisplayPath ?? logicalPath;

    public static string Normalize(string path)
    {
        var p = path.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal)) p = p[2..];
        return p.TrimStart('/');
    }
}
