namespace PveLint.Text;

/// <summary>
/// A region of one file. Lines and columns are 1-based; <see cref="EndColumn"/> is exclusive, so a span of
/// length 3 starting at column 5 has EndColumn 8. Columns count UTF-16 code units, a tab counts as one.
/// <see cref="Path"/> is the file's logical path in the scan root (e.g. <c>etc/pve/ha/rules.cfg</c>).
/// </summary>
public readonly record struct SourceSpan(string Path, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>Length in characters when the span is on one line, else -1.</summary>
    public int Length => EndLine == Line ? EndColumn - Column : -1;

    public static SourceSpan OnLine(string path, int line, int column, int length) =>
        new(path, line, column, line, column + Math.Max(0, length));

    /// <summary>A span that stands for a whole file with no better position (line 1, column 1, empty).</summary>
    public static SourceSpan WholeFile(string path) => new(path, 1, 1, 1, 1);

    /// <summary>The smallest span covering both (same file assumed).</summary>
    public SourceSpan Union(SourceSpan other)
    {
        var (sl, sc) = (Line, Column) .CompareTo((other.Line, other.Column)) <= 0 ? (Line, Column) : (other.Line, other.Column);
        var (el, ec) = (EndLine, EndColumn).CompareTo((other.EndLine, other.EndColumn)) >= 0 ? (EndLine, EndColumn) : (other.EndLine, other.EndColumn);
        return new SourceSpan(Path, sl, sc, el, ec);
    }

    public override string ToString() => $"{Path}({Line},{Column})";
}
