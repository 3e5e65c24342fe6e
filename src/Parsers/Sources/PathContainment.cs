namespace PveLint.Sources;

/// <summary>Whether a resolved path lies inside a directory, and its '/'-separated path relative to it.</summary>
public static class PathContainment
{
    /// <summary><paramref name="fullPath"/> relative to <paramref name="root"/> with '/' separators; "." for the root itself.</summary>
    public static string Relative(string root, string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath).Replace('\\', '/');
        return relative.Length == 0 ? "." : relative;
    }

    /// <summary>True when <paramref name="fullPath"/> is <paramref name="root"/> or lies below it.</summary>
    public static bool IsUnder(string root, string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }
}
