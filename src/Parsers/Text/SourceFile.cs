namespace PveLint.Text;

/// <summary>
/// The text of one configuration file with a line map, so parsers can turn offsets into exact spans.
/// Line breaks are <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>; the break is not part of the line. In files whose
/// reader splits on '\n' only (<see cref="LineBreaks.LineFeedOnly"/>) a lone <c>\r</c> is a character of its line.
/// </summary>
public sealed class SourceFile
{
    private readonly int[] _lineStarts;
    private readonly bool _lineFeedOnly;

    public SourceFile(string path, string text) : this(path, text, LineBreaks.LineFeedOnly(path))
    {
    }

    public SourceFile(string path, string text, bool lineFeedOnly)
    {
        Path = path;
        Text = text;
        // Sized from a vectorized count of the breaks (exact for '\n'-only text), not grown from a list: a scan maps thousands of files.
        var span = text.AsSpan();
        var starts = new int[span.Count('\n') + (lineFeedOnly ? 0 : span.Count('\r')) + 1];
        var count = 1;
        for (var i = span.IndexOfAny('\n', '\r'); i >= 0 && i < text.Length; i = NextBreak(span, i + 1))
        {
            var c = text[i];
            if (c == '\r' && !lineFeedOnly)
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                starts[count++] = i + 1;
            }
            else if (c == '\n')
            {
                starts[count++] = i + 1;
            }
        }
        _lineStarts = count == starts.Length ? starts : starts[..count];
        _lineFeedOnly = lineFeedOnly;
    }

    private static int NextBreak(ReadOnlySpan<char> text, int from)
    {
        if (from >= text.Length) return -1;
        var at = text[from..].IndexOfAny('\n', '\r');
        return at < 0 ? -1 : from + at;
    }

    public string Path { get; }
    public string Text { get; }

    /// <summary>Number of lines; a file ending in a line break has an empty last line that is counted.</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>The 1-based line and column of a 0-based offset.</summary>
    public (int Line, int Column) PositionOf(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0) index = ~index - 1;
        return (index + 1, offset - _lineStarts[index] + 1);
    }

    /// <summary>The 0-based offset of a 1-based line's first character.</summary>
    public int LineStart(int line) => _lineStarts[Math.Clamp(line, 1, _lineStarts.Length) - 1];

    /// <summary>The text of a 1-based line without its line break (<see cref="Text"/> itself for a one-line file: no copy).</summary>
    public string LineText(int line)
    {
        var chars = LineChars(line);
        return chars.Length == Text.Length ? Text : chars.ToString();
    }

    /// <summary>The length of a 1-based line without its line break, without copying it.</summary>
    public int LineLength(int line) => LineChars(line).Length;

    /// <summary>The characters of a 1-based line without its line break: a slice of <see cref="Text"/>, no copy.</summary>
    public ReadOnlySpan<char> LineChars(int line)
    {
        var start = LineStart(line);
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        if (!_lineFeedOnly)
        {
            while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r')) end--;
        }
        else if (end > start && Text[end - 1] == '\n')
        {
            end--;
            if (end > start && Text[end - 1] == '\r') end--; // the '\r' of a CRLF break
        }
        return Text.AsSpan(start, end - start);
    }

    /// <summary>All lines, without line breaks, in order.</summary>
    public IEnumerable<string> Lines()
    {
        for (var line = 1; line <= LineCount; line++) yield return LineText(line);
    }

    public SourceSpan SpanOf(int offset, int length)
    {
        var (line, column) = PositionOf(offset);
        var (endLine, endColumn) = PositionOf(offset + Math.Max(0, length));
        return new SourceSpan(Path, line, column, endLine, endColumn);
    }

    /// <summary>The 0-based offset where a span of this file starts (the inverse of <see cref="SpanOf"/>).</summary>
    public int OffsetOf(SourceSpan span) => LineStart(span.Line) + span.Column - 1;

    /// <summary>A span on one line from a 1-based column.</summary>
    public SourceSpan SpanOnLine(int line, int column, int length) => SourceSpan.OnLine(Path, line, column, length);

    /// <summary>The span of a whole line's text (excluding the break); at least one column wide.</summary>
    public SourceSpan LineSpan(int line) => SourceSpan.OnLine(Path, line, 1, Math.Max(1, LineChars(line).Length));
}
