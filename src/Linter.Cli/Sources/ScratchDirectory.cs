using System.Collections.Concurrent;

namespace PveLint.Cli.Sources;

/// <summary>
/// A private temp directory (mode 0700) that is deleted on dispose and, should the process have to stop before
/// that (Ctrl-C while a query runs), by <see cref="DeleteAll"/> from the signal handler: a copy of config.db
/// holds priv/ and must never be left behind.
/// </summary>
public sealed class ScratchDirectory : IDisposable
{
    private static readonly ConcurrentDictionary<string, byte> Live = new();

    public ScratchDirectory(string prefix)
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
        Live[Path] = 0;
    }

    public string Path { get; }

    public void Dispose()
    {
        Delete(Path);
        Live.TryRemove(Path, out _);
    }

    /// <summary>Deletes every scratch directory still alive (the last thing before a forced exit).</summary>
    public static void DeleteAll()
    {
        foreach (var path in Live.Keys) Delete(path);
    }

    private static void Delete(string path)
    {
        try { Directory.Delete(path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
