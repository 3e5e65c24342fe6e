using System.Text;
using PveLint.Text;

namespace PveLint.Cli.Reporting;

/// <summary>
/// The line a finding points at, with carets under its span, as compilers and ruff print it:
/// <code>
///    12 |     nodes pve9
///       |           ^^^^
/// </code>
/// The line comes from the scanned file and is escaped like every other input text (<see cref="PrintableText"/>),
/// so a control character shows as <c>\x1B</c>; the carets are placed under the escaped text, and tabs before the
/// span are kept so they line up. Very long lines are cut to a window around the span.
/// </summary>
public static class SourceSnippet
{
    public const int MaxWidth = 160;

    /// <summary>
    /// The source line and the caret line (its indent, then the carets, so only the carets are coloured) for
    /// <paramref name="span"/> in <paramref name="file"/>, without line breaks; null when it points at no text.
    /// </summary>
    public static (string Source, string CaretIndent, string Carets)? For(SourceFile file, SourceSpan span)
    {
        if (span == SourceSpan.WholeFile(span.Path) || span.Line < 1 || span.Line > file.LineCount) return null;
        var line = file.LineText(span.Line);
        var start = Math.Clamp(span.Column - 1, 0, line.Length);
        var end = span.EndLine == span.Line ? Math.Clamp(span.EndColumn - 1, start, line.Length) : line.Length;
        if (line.Length == 0) return null;

        // A window of the raw line around the span, so escaping never runs over megabytes of one line.
        var from = Math.Max(0, Math.Min(start - MaxWidth / 3, line.Length - MaxWidth));
        var to = Math.Min(line.Length, from + MaxWidth);
        var before = PrintableText.Escape(line[from..Math.Min(start, to)]);
        var marked = PrintableText.Escape(line[Math.Min(start, to)..Math.Min(end, to)]);
        var after = PrintableText.Escape(line[Math.Min(end, to)..to]);

        var gutter = span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(5);
        var source = $"{gutter} | {(from > 0 ? "…" : "")}{before}{marked}{after}{(to < line.Length ? "…" : "")}";
        var padding = new StringBuilder(before.Length + 1);
        if (from > 0) padding.Append(' ');
        foreach (var c in before) padding.Append(c == '\t' ? '\t' : ' ');
        return (source, $"{new string(' ', gutter.Length)} | {padding}", new string('^', Math.Max(1, marked.Length)));
    }
}
