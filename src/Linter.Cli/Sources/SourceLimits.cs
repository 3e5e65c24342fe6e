using PveLint.Sources;

namespace PveLint.Cli.Sources;

/// <summary>
/// Bounds on what one scan reads, so a hostile or mistaken input (a gzip bomb, a whole file system) ends
/// in a clear message instead of exhausted memory; they apply while a source streams, before anything is held.
/// pmxcfs itself caps a file at 1 MiB, the file system at 128 MiB and 256k inodes (pve-formats.md §4). The
/// entry limit is pmxcfs's inode count (MEMDB_MAX_INODES in pve-cluster's src/pmxcfs/memdb.h), so every tree
/// pmxcfs can hold is read whole (50 000 entries cut a 50 000-guest cluster short). The
/// per-file limit is looser (Ceph dumps of large clusters are bigger than 1 MiB); the total is lower than
/// pmxcfs's, because the parsed model costs several times the text (64 MiB of guest configs peak at about
/// 0.6 GB), and a real /etc/pve with its Ceph dumps is a few MiB. The README's "Security model" states these
/// numbers; a test keeps the two equal.
/// </summary>
public sealed record SourceLimits(int MaxFileBytes, int MaxEntries, long MaxTotalBytes)
{
    public static SourceLimits Default { get; } = new(ConfigTree.MaxFileBytes, PmxcfsMaxInodes, 64L * 1024 * 1024);

    /// <summary>pmxcfs's MEMDB_MAX_INODES: the most files and directories an /etc/pve can have.</summary>
    public const int PmxcfsMaxInodes = 256 * 1024;

    /// <summary>
    /// A config.db (with its -wal) may be larger than the text it holds (free pages, old versions, priv/): it is
    /// copied to disk, not memory, and only rows within the other limits are loaded.
    /// </summary>
    public long MaxDatabaseBytes => 4 * MaxTotalBytes;

    public static string Describe(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MiB" : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KiB" : $"{bytes} bytes";
}
