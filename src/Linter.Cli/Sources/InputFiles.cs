using PveLint.Sources;

namespace PveLint.Cli.Sources;

/// <summary>
/// Every file a scan opened (the archive, the database and its -wal, each file of a directory, the linter
/// config, the baseline), by identity (device and inode, so a hard link is caught too) and by resolved path.
/// An output that resolves to one of them is refused: pvelint never overwrites its input.
/// </summary>
public sealed class InputFiles
{
    // A list: a scan adds one per file (tens of thousands) and only outputs are looked up, a handful per run.
    private readonly List<FileIdentity> _identities = new();
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    public void Add(string path, FileStatus status)
    {
        if (status.Identity is { } identity)
        {
            _identities.Add(identity);
            return;
        }
        var resolved = PathResolver.Resolve(path);
        _paths.Add(resolved.Ok ? resolved.FullPath : Path.GetFullPath(path));
    }

    public void AddAll(InputFiles other)
    {
        _identities.AddRange(other._identities);
        _paths.UnionWith(other._paths);
    }

    /// <summary>Whether writing <paramref name="path"/> (following links, as writing does) would replace an input.</summary>
    public bool WouldOverwrite(string path)
    {
        var status = FileProbe.Stat(path, followLinks: true);
        if (status.Identity is { } identity && _identities.Contains(identity)) return true;
        var resolved = PathResolver.Resolve(path);
        return _paths.Contains(resolved.FullPath);
    }
}
