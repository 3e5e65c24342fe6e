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

    private readonly ImmutableSortedDictionary<string, ConfigFile> _files;

    public ConfigTree(IEnumerable<ConfigFile> files, IEnumerable<Diagnostic>? sourceDiagnostics = null, string? description = null)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, ConfigFile>(StringComparer.Ordinal);
        foreach (var file in files) builder[Normalize(file.Path)] = file with { Path = Normalize(file.Path) };
        _files = builder.ToImmutable();
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

    public IEnumerable<ConfigFile> Files => _files.Values;

    public ConfigFile? Get(string logicalPath) => _files.TryGetValue(Normalize(logicalPath), out var f) ? f : null;

    /// <summary>Files whose logical path starts with the prefix, in ordinal order.</summary>
    public IEnumerable<ConfigFile> Under(string prefix)
    {
        var p = Normalize(prefix);
        return _files.Values.Where(f => f.Path.StartsWith(p, StringComparison.Ordinal));
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
