namespace PveLint.Cli.Sources;

/// <summary>
/// Paths as users see them: relative to the repository root (the <c>--repo-root</c> option, else the git
/// top-level of the scanned path, else the path itself), always with '/'.
/// </summary>
public static class RepoPaths
{
    /// <summary>The nearest directory at or above <paramref name="path"/> that holds a <c>.git</c> directory or file.</summary>
    public static string? GitTopLevel(string path)
    {
        var dir = new DirectoryInfo(Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path)) ?? path);
        for (; dir is not null; dir = dir.Parent)
        {
            var git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git)) return dir.FullName;
        }
        return null;
    }

    /// <summary>The directory a scan path stands in: the path itself for a directory, its parent for a file.</summary>
    public static string DirectoryOf(string fullPath) =>
        Directory.Exists(fullPath) ? fullPath : Path.GetDirectoryName(fullPath) ?? fullPath;



    /// <summary>Joins a display prefix and a relative path, dropping a "." prefix.</summary>
    public static string Join(string prefix, string relative) =>
        prefix is "." or "" ? relative : prefix.TrimEnd('/') + "/" + relative;
}
