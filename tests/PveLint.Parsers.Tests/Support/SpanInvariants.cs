using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Text;

namespace PveLint.Parsers.Tests;

/// <summary>The check every parser and reader test shares: a span lies inside its file.</summary>
internal static class SpanInvariants
{
    /// <summary>
    /// Asserts that a span lies inside the file: its path, valid lines, columns within the line text (+1 for the
    /// end), and an end that does not come before the start. With <paramref name="oneColumnPastLineEnd"/> a span
    /// may end one column after its start even past the end of the line: <see cref="SourceFile.LineSpan"/> is at
    /// least one column wide, also on an empty line (corosync.conf reports whole lines that way).
    /// </summary>
    public static void AssertInside(SourceFile file, SourceSpan span, bool oneColumnPastLineEnd = false)
    {
        Assert.Equal(file.Path, span.Path);
        Assert.InRange(span.Line, 1, file.LineCount);
        Assert.InRange(span.EndLine, span.Line, file.LineCount);
        Assert.InRange(span.Column, 1, file.LineLength(span.Line) + 1);
        var endLimit = file.LineLength(span.EndLine) + 1;
        Assert.InRange(span.EndColumn, 1, oneColumnPastLineEnd ? Math.Max(endLimit, span.Column + 1) : endLimit);
        if (span.EndLine == span.Line) Assert.True(span.EndColumn >= span.Column, $"span {span} ends before it starts");
    }

    /// <summary>The span and related spans of every diagnostic that has a span lie inside the file.</summary>
    public static void AssertInside(SourceFile file, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            if (d.Span is { } span) AssertInside(file, span);
            foreach (var related in d.RelatedSpans) AssertInside(file, related.Span);
        }
    }

    /// <summary>Every diagnostic has a span, and it (and every related span) lies inside the file.</summary>
    public static void AssertSpansInside(this BindContext context, SourceFile file)
    {
        Assert.All(context.Diagnostics, d => Assert.NotNull(d.Span));
        AssertInside(file, context.Diagnostics);
    }
}
