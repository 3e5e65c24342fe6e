namespace PveLint.Sources;

/// <summary>Why a path has no final target.</summary>
public enum ResolveProblem
{
    None,
    Missing,
    Loop,
    Unreadable,
}

/// <summary>The final target of a path with every symbolic link (in any component) followed, or why there is none.</summary>
public readonly record struct ResolvedPath(string FullPath, ResolveProblem Problem, string? Detail = null)
{
    public bool Ok => Problem == ResolveProblem.None;

    /// <summary>Why the link cannot be followed, as a clause after "is a symbolic link ...".</summary>
    public string Describe(string linkText) => Problem switch
    {
        ResolveProblem.Loop => "is a symbolic link loop (more than 40 links followed)",
        ResolveProblem.Missing => $"is a symbolic link to '{linkText}', which does not exist",
        _ => $"is a symbolic link to '{linkText}' that cannot be followed ({Detail})",
    };
}

/// <summary>
/// realpath(3) in managed code: resolves every component, so a link inside a linked directory is followed
/// too, and a loop is told apart from a missing target (ELOOP vs ENOENT). Used to check the final target of
/// every path against the scan root before anything is opened.
/// </summary>
public static class PathResolver
{
    /// <summary>Linux gives up after 40 links (MAXSYMLINKS); so do we.</summary>
    public const int MaxLinks = 40;

    public static ResolvedPath Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var pending = new Stack<string>(Split(full[root.Length..]).Reverse());
        var current = root;
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            var next = Path.Join(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new ResolvedPath(next, ResolveProblem.Unreadable, e.Message.TrimEnd('.'));
            }
            if (target is null)
            {
                if (pending.Count > 0 && !Directory.Exists(next)) return new ResolvedPath(next, ResolveProblem.Missing);
                current = next;
                continue;
            }
            if (++links > MaxLinks) return new ResolvedPath(next, ResolveProblem.Loop);
            if (Path.IsPathRooted(target)) current = Path.GetPathRoot(target) ?? root;
            foreach (var segment in Split(Path.IsPathRooted(target) ? target[(Path.GetPathRoot(target) ?? "").Length..] : target).Reverse())
                pending.Push(segment);
        }
        return Path.Exists(current) ? new ResolvedPath(current, ResolveProblem.None) : new ResolvedPath(current, ResolveProblem.Missing);
    }

    private static IEnumerable<string> Split(string relative) =>
        relative.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
