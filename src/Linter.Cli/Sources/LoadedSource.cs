using System.Collections.Immutable;
using PveLint.Sources;

namespace PveLint.Cli.Sources;

/// <summary>
/// One scanned PATH: its files as a <see cref="ConfigTree"/> (logical paths), how to show each of them
/// (display paths relative to the repository root), and notes for the user that are not findings
/// (e.g. a config.db copied without its -wal file).
/// </summary>
public sealed record LoadedSource(
    SourceKind Kind,
    string FullPath,
    string DisplayName,
    ConfigTree Tree,
    IReadOnlyDictionary<string, string> DisplayPaths,
    ImmutableArray<string> Notes)
{
    /// <summary>How a logical path is shown: the file's display path, also for files that were refused.</summary>
    /// <summary>Every file the scan opened, so that no output replaces one of them.</summary>
    public InputFiles Inputs { get; init; } = new();

    public string DisplayPathOf(string logicalPath) =>
        Tree.Get(logicalPath)?.DisplayPath ?? (DisplayPaths.TryGetValue(logicalPath, out var display) ? display : logicalPath);
}
