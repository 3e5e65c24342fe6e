using PveLint.Diagnostics;
using PveLint.Text;

namespace PveLint.Fuzz.Oracles;

/// <summary>
/// Every span a parser, the binder or a rule reports lies inside a file that was read: an existing line, columns
/// within the line's text (+1 for the exclusive end), an end not before the start. A span may end one column past its
/// start on an empty line (<see cref="SourceFile.LineSpan"/> is at least one column wide). A span on a file that was
/// not parsed (refused, binary) may only be the whole-file marker.
/// </summary>
internal static class SpanOracle
{
    public static void CheckDiagnostics(IEnumerable<Diagnostic> diagnostics, IReadOnlyDictionary<string, SourceFile> files)
    {
        foreach (var d in diagnostics)
        {
            if (d.Span is { } span) Check(span, files, d.Id, d.Message);
            foreach (var related in d.RelatedSpans) Check(related.Span, files, d.Id, related.Message);
        }
    }

    public static void CheckDiagnostics(IEnumerable<Diagnostic> diagnostics, SourceFile file) =>
        CheckDiagnostics(diagnostics, new Dictionary<string, SourceFile> { [file.Path] = file });

    public static void Check(SourceSpan span, IReadOnlyDictionary<string, SourceFile> files, string id, string message)
    {
        if (!files.TryGetValue(span.Path, out var file))
        {
            if (span != SourceSpan.WholeFile(span.Path)) Fail(span, id, message, "names a file that was not parsed");
            return;
        }
        if (span.Line < 1 || span.Line > file.LineCount) Fail(span, id, message, $"starts on line {span.Line} of {file.LineCount}");
        if (span.EndLine < span.Line || span.EndLine > file.LineCount) Fail(span, id, message, $"ends on line {span.EndLine} of {file.LineCount}");
        if (span.Column < 1 || span.Column > LineLength(file, span.Line) + 1) Fail(span, id, message, $"starts at column {span.Column} of a {LineLength(file, span.Line)}-character line");
        var endLimit = LineLength(file, span.EndLine) + 1;
        if (span.EndLine == span.Line) endLimit = Math.Max(endLimit, span.Column + 1);
        if (span.EndColumn < 1 || span.EndColumn > endLimit) Fail(span, id, message, $"ends at column {span.EndColumn} of a {LineLength(file, span.EndLine)}-character line");
        if (span.EndLine == span.Line && span.EndColumn < span.Column) Fail(span, id, message, "ends before it starts");
    }

    private static void Fail(SourceSpan span, string id, string message, string problem) =>
        throw new OracleViolation($"{id} span {span.Path}({span.Line},{span.Column})-({span.EndLine},{span.EndColumn}) {problem}: {Short(message)}");

    private static string Short(string text) => text.Length <= 200 ? text : text[..200] + "...";

    private static int LineLength(SourceFile file, int line)
    {
        var start = file.LineStart(line);
        var end = line < file.LineCount ? file.LineStart(line + 1) : file.Text.Length;
        // One line break: LF, CR or CRLF. Further CRs are text (section-config files split at LF only, as PVE does).
        if (end > start && file.Text[end - 1] == '\n') end--;
        if (end > start && file.Text[end - 1] == '\r') end--;
        return end - start;
    }
}
