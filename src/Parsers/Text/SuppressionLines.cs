using System.Text.RegularExpressions;

namespace PveLint.Text;

/// <summary>
/// Where a file's suppression comments are (<c># pvelint-disable-next-line …</c>, <c># pvelint-disable-file …</c>,
/// on a line of their own, INTERFACE.md) and which line each silences: the first line below it that is not
/// another such comment. The rule engine reads their ids and reasons (SuppressionComment); the parsers' cap on
/// diagnostics per file needs only the lines, so that a suppressed line is never cut before it can be matched.
/// </summary>
public static class SuppressionLines
{
    /// <summary>What every suppression comment holds: a file without it has none.</summary>
    public const string Marker = "pvelint-disable-";

    private static readonly Regex Pattern = new(
        @"^(?<lead>\s*[#;]\s*)pvelint-disable-(?<scope>next-line|file)\b(?<rest>.*)$",
        RegexOptions.CultureInvariant);

    /// <param name="Line">The 1-based line of the comment.</param>
    /// <param name="Target">The line it silences (for a file-level comment: the line below it, unused).</param>
    /// <param name="Comment">The match, with groups <c>lead</c> (up to the marker), <c>scope</c> and <c>rest</c>.</param>
    public sealed record Found(int Line, bool WholeFile, int Target, Match Comment);

    public static IReadOnlyList<Found> Find(SourceFile file)
    {
        // Only lines holding the marker are matched: a file of a million lines usually has none, and most of a
        // large tree's files have none at all (asked for every file: nothing is made for those).
        var first = file.Text.IndexOf(Marker, StringComparison.Ordinal);
        if (first < 0) return [];
        var found = new List<(int Line, Match Match)>();
        for (var at = first; at >= 0;)
        {
            var line = file.PositionOf(at).Line;
            var m = Pattern.Match(file.LineText(line));
            if (m.Success) found.Add((line, m));
            if (line >= file.LineCount) break;
            at = file.Text.IndexOf(Marker, file.LineStart(line + 1), StringComparison.Ordinal);
        }
        // From the bottom, so a stack of n comments costs n, not n².
        var result = new Found[found.Count];
        for (var i = found.Count - 1; i >= 0; i--)
        {
            var (line, m) = found[i];
            var target = i + 1 < found.Count && found[i + 1].Line == line + 1 ? result[i + 1].Target : line + 1;
            result[i] = new Found(line, m.Groups["scope"].Value == "file", target, m);
        }
        return result;
    }

    /// <summary>The lines that next-line comments silence.</summary>
    public static HashSet<int> Targets(SourceFile file) =>
        Find(file).Where(f => !f.WholeFile).Select(f => f.Target).ToHashSet();
}
