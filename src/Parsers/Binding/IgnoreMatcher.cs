using System.Text;
using System.Text.RegularExpressions;
using PveLint.Model;
using PveLint.Sources;

namespace PveLint.Binding;

/// <summary>
/// <c>ignore-paths</c> globs of .pvelint.yaml: <c>*</c> within a path segment, <c>**</c> across segments,
/// <c>?</c> one character. A glob matches the logical path or the path relative to etc/pve/.
/// </summary>
public static class IgnoreMatcher
{
    public static Func<string, bool> Create(IEnumerable<Located<string>> globs)
    {
        var patterns = globs.Select(g => ToRegex(g.Value)).ToList();
        if (patterns.Count == 0) return _ => false;
        return path =>
        {
            var inPve = path.StartsWith(ConfigTree.PvePrefix, StringComparison.Ordinal) ? path[ConfigTree.PvePrefix.Length..] : path;
            return patterns.Any(p => p.IsMatch(path) || p.IsMatch(inPve));
        };
    }

    public static Regex ToRegex(string glob)
    {
        var sb = new StringBuilder("^");
        var g = ConfigTree.Normalize(glob);
        for (var i = 0; i < g.Length; i++)
        {
            var c = g[i];
            if (c == '*' && i + 1 < g.Length && g[i + 1] == '*')
            {
                i++;
                if (i + 1 < g.Length && g[i + 1] == '/') { i++; sb.Append("(?:.*/)?"); }
                else sb.Append(".*");
            }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else sb.Append(Regex.Escape(c.ToString()));
        }
        sb.Append('$');
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant);
    }
}
