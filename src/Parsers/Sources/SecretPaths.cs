using PveLint.Binding;

namespace PveLint.Sources;

/// <summary>
/// What the sources never read, by relative path: the binder's secrets (<c>priv/</c>, <c>*.key</c> under
/// etc/pve), any <c>priv</c> directory or <c>*.key</c> file anywhere, and <c>.git</c> (a CI checkout keeps its
/// token in .git/config). Applied to logical paths and to the final targets of symbolic links alike.
/// </summary>
public static class SecretPaths
{
    public static bool IsSecret(string relativePath)
    {
        var path = relativePath.Replace('\\', '/');
        if (ClusterBinder.IsSecret(path) || path.EndsWith(".key", StringComparison.Ordinal)) return true;
        foreach (var segment in path.Split('/'))
            if (segment is "priv" or ".git") return true;
        return false;
    }
}
