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
        // Asked several times for every file of a tree: '\\' and '/' both end a segment, no string is made.
        var path = relativePath.AsSpan();
        if (path.EndsWith(".key", StringComparison.Ordinal)) return true;
        while (true)
        {
            var end = path.IndexOfAny('/', '\\');
            var segment = end < 0 ? path : path[..end];
            if (segment.SequenceEqual("priv") || segment.SequenceEqual(".git")) return true;
            if (end < 0) return false;
            path = path[(end + 1)..];
        }
    }
}
