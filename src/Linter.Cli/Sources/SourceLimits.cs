using PveLint.Sources;

namespace PveLint.Cli.Sources;

/// <summary>
/// Bounds on what one scan reads, so a hostile or mistaken input (a gzip bomb, a whole file system) ends
/// in a clear message instead of exhausted memory. pmxcfs itself caps a file at 1 MiB, the file system at
/// 128 MiB and 256k inodes (pve-formats.md §4); these limits are looser than that.
/// </summary>
public sealed record SourceLimits(int MaxFileBytes, int MaxEntries, long MaxTotalBytes)
{
    public static SourceLimits Default { get; } = new(ConfigTree.MaxFileBytes, 50_000, 64L * 1024 * 1024);

    public static string Describe(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MiB" : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KiB" : $"{bytes} bytes";
}
