using PveLint.Sources;

namespace PveLint.MSBuild;

/// <summary>
/// The analyzer's version of the CLI's scan boundary: an AdditionalFile is read only when its final target (every
/// symbolic link followed) lies inside the scan root and is not a secret (priv/, *.key, .git/). MSBuild's globs follow
/// links, so without this a guest config linked to priv/authkey.key would have its lines quoted into the build log.
/// The check only looks at link metadata (lstat/readlink) and never opens a file.
/// </summary>
internal static class AdditionalFileGuard
{
    /// <summary>Why <paramref name="path"/> must not be read (a clause after its name), or null when it may.</summary>
    public static string? Refusal(string path, string logicalPath, string? root)
    {
        // Not on disk at all (an unsaved editor buffer, an in-memory test): the text comes from the host, not a link.
        if (!Path.Exists(path) && new FileInfo(path).LinkTarget is null) return null;
        var scanRoot = string.IsNullOrEmpty(root) ? RootOf(path, logicalPath) : root!;
        return ScanBoundary.Of(scanRoot).Check(path, out _);
    }

    /// <summary>The directory the logical path hangs below (the part of the path before it).</summary>
    private static string RootOf(string path, string logicalPath)
    {
        var normalized = path.Replace('\\', '/');
        return normalized.EndsWith("/" + logicalPath, StringComparison.Ordinal)
            ? normalized[..^(logicalPath.Length + 1)]
            : Path.GetDirectoryName(path) ?? path;
    }
}
