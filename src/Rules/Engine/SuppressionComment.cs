using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Rules.Engine;

public enum SuppressionScope
{
    NextLine,
    File,
}

/// <summary>
/// <c># pvelint-disable-next-line PVE2009,missing-anti-affinity -- reason</c> or
/// <c># pvelint-disable-file PVE1005 -- reason</c> on a line of its own (INTERFACE.md).
/// </summary>
public sealed record SuppressionComment(
    SuppressionScope Scope,
    SourceSpan Span,
    ImmutableArray<Located<string>> Rules,
    string? Reason,
    int TargetLine)
{
    /// <summary>All suppression comments of a file. Stacked comments all point at the first line below them.</summary>
    public static IEnumerable<SuppressionComment> ReadAll(SourceFile file)
    {
        foreach (var (line, wholeFile, target, m) in SuppressionLines.Find(file))
        {
            var text = file.LineText(line);
            var start = m.Groups["lead"].Length + 1;
            var span = file.SpanOnLine(line, start, text.TrimEnd().Length - start + 1);
            var rest = m.Groups["rest"].Value;
            var restColumn = m.Groups["rest"].Index + 1;
            var dash = rest.IndexOf("--", StringComparison.Ordinal);
            var idsPart = dash >= 0 ? rest[..dash] : rest;
            var reason = dash >= 0 ? rest[(dash + 2)..].Trim() : null;
            yield return new SuppressionComment(wholeFile ? SuppressionScope.File : SuppressionScope.NextLine, span,
                ParseIds(file, line, restColumn, idsPart), string.IsNullOrEmpty(reason) ? null : reason, target);
        }
    }

    private static ImmutableArray<Located<string>> ParseIds(SourceFile file, int line, int column, string text)
    {
        var ids = ImmutableArray.CreateBuilder<Located<string>>();
        foreach (Match m in Regex.Matches(text, @"[^\s,]+"))
            ids.Add(new Located<string>(m.Value, file.SpanOnLine(line, column + m.Index, m.Length)));
        return ids.ToImmutable();
    }
}
