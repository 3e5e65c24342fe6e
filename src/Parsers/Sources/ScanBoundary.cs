namespace PveLint.Sources;

/// <summary>
/// The directory a scan may read below. Every path is resolved fully (links in any component) and read only
/// when its final target lies inside the boundary and is not a secret (<see cref="SecretPaths"/>): a link can
/// neither leak a file from outside nor a key from priv/.
/// </summary>
public sealed class ScanBoundary
{
    private ScanBoundary(string root) => Root = root;

    /// <summary>The resolved root directory.</summary>
    public string Root { get; }

    /// <summary>The boundary of <paramref name="directory"/>, itself resolved (so a scan of a link to a directory scans its target).</summary>
    public static ScanBoundary Of(string directory)
    {
        var resolved = PathResolver.Resolve(directory);
        return new ScanBoundary(resolved.Ok ? resolved.FullPath : Path.GetFullPath(directory));
    }

    /// <summary>The final target of <paramref name="path"/>, or why it may not be read (a clause like "is a symbolic link loop").</summary>
    public string? Check(string path, out string finalTarget)
    {
        var resolved = PathResolver.Resolve(path);
        finalTarget = resolved.FullPath;
        if (!resolved.Ok) return resolved.Describe(LinkText(path));
        if (!PathContainment.IsUnder(Root, finalTarget))
            return $"is a symbolic link to '{finalTarget}' outside the scanned directory and was not followed";
        var relative = PathContainment.Relative(Root, finalTarget);
        if (relative != "." && SecretPaths.IsSecret(relative))
            return $"is a symbolic link to '{relative}', which pvelint never reads (priv/, *.key, .git/)";
        return null;
    }

    private static string LinkText(string path)
    {
        try { return new FileInfo(path).LinkTarget ?? path; }
        catch (IOException) { return path; }
    }
}
