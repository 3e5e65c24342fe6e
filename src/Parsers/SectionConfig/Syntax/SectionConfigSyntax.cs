using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.SectionConfig.Syntax;

/// <summary>
/// A piece of a line: its text and span as one located value (binding hands it on as it is, never copies it), and
/// its 0-based offset in the file.
/// </summary>
public sealed record SyntaxToken(Located<string> Located, int Offset)
{
    public SyntaxToken(string text, int offset, SourceSpan span) : this(new Located<string>(text, span), offset)
    {
    }

    public string Text => Located.Value;

    public SourceSpan Span => Located.Span;

    public Located<string> ToLocated() => Located;
}

/// <summary>
/// Where a line's text lies in its file's text (a '\r' before its '\n' included): a large file has a line record
/// for every line, so the line's string is made only when asked for.
/// </summary>
public readonly record struct LineText(string FileText, int Start, int Length)
{
    public ReadOnlySpan<char> Chars => FileText.AsSpan(Start, Length);

    public override string ToString() => FileText.Substring(Start, Length);
}

/// <summary>
/// One physical line of a section-config file as PVE's <c>parse_config</c> classifies it. <see cref="Line"/> is
/// the 1-based line number; the line's text is <see cref="Length"/> characters of the file from <see cref="Start"/>
/// (a '\r' before its '\n' included). A large file has a record for every line, so its span and text are worked
/// out when asked for, not kept.
/// </summary>
public abstract record SectionConfigLine(SourceFile File, int Line, int Start, int Length)
{
    /// <summary>Where the line's text lies in the file.</summary>
    public LineText Source => new(File.Text, Start, Length);

    /// <summary>The line's text without the '\r' of a CRLF break (which <see cref="SourceFile"/> counts as part of the break).</summary>
    public SourceSpan Span => SpanOf(File, Start, Length);

    /// <summary>The span of the line of <paramref name="length"/> characters at <paramref name="start"/>, without a '\r' at its end.</summary>
    internal static SourceSpan SpanOf(SourceFile file, int start, int length) =>
        file.SpanOf(start, length > 0 && file.Text[start + length - 1] == '\r' ? length - 1 : length);

    /// <summary>The line as written (a '\r' before its '\n' included); a new string on each call.</summary>
    public string Text => Source.ToString();
}

/// <summary>An empty line (it ends a section), or a line holding only <c>0</c>, which Perl also reads as false.</summary>
public sealed record BlankLine(SourceFile File, int Line, int Start, int Length) : SectionConfigLine(File, Line, Start, Length);

/// <summary>A line whose first non-blank character is <c>#</c>: skipped everywhere, it never ends a section.</summary>
public sealed record CommentLine(SourceFile File, int Line, int Start, int Length) : SectionConfigLine(File, Line, Start, Length);

/// <summary>
/// A <c>type: id</c> line that starts a section. The type is as written (not lower-cased), kept as its text and where
/// it starts on the line (<see cref="Type"/> is made when asked); the located id is handed on by binding as it is.
/// </summary>
public sealed record HeaderLine(SourceFile File, int Line, int Start, int Length, string TypeText, int TypeOffset, Located<string> Id) : SectionConfigLine(File, Line, Start, Length)
{
    public SourceSpan TypeSpan => File.SpanOf(Start + TypeOffset, TypeText.Length);

    public Located<string> Type => new(TypeText, TypeSpan);
}

/// <summary>
/// An indented <c>key [value]</c> line of a section body. <see cref="Value"/> is null for a bare key. The key is its
/// text (one string per key name) and where it starts on the line; <see cref="Key"/> is made when asked.
/// </summary>
public sealed record PropertyLine(SourceFile File, int Line, int Start, int Length, string KeyText, int KeyOffset, Located<string>? Value) : SectionConfigLine(File, Line, Start, Length)
{
    public SourceSpan KeySpan => File.SpanOf(Start + KeyOffset, KeyText.Length);

    public Located<string> Key => new(KeyText, KeySpan);

    /// <summary>Where the value starts in the file (0-based).</summary>
    public int ValueOffset => Value is null ? -1 : File.OffsetOf(Value.Span);

    /// <summary>Where the key ends in the file (0-based).</summary>
    public int KeyEnd => Start + KeyOffset + KeyText.Length;

    /// <summary>Where an inline <c>#</c> comment would start in the value (whitespace then '#', or a leading '#'), else -1.</summary>
    public int InlineCommentIndex
    {
        get
        {
            if (Value is null) return -1;
            var v = Value.Value;
            for (var i = 0; i < v.Length; i++)
                if (v[i] == '#' && (i == 0 || PerlText.IsSpace(v[i - 1]))) return i;
            return -1;
        }
    }
}

/// <summary>Why PVE ignored a line ("ignore config line").</summary>
public enum JunkKind
{
    /// <summary>Not a header, outside any section.</summary>
    OutsideSection,

    /// <summary>Inside a section, but not an indented <c>key [value]</c> line.</summary>
    NotAProperty,

    /// <summary>Inside a section, only whitespace: it does not end the section (only an empty line does).</summary>
    WhitespaceOnly,

    /// <summary>A header with no empty line before it: PVE ignores it and keeps reading the previous section.</summary>
    SwallowedHeader,
}

/// <summary>
/// A line PVE ignores. For <see cref="JunkKind.SwallowedHeader"/>, <see cref="SwallowedHeader"/> holds what the line
/// would have been had an empty line preceded it.
/// </summary>
public sealed record JunkLine(SourceFile File, int Line, int Start, int Length, JunkKind Kind, HeaderLine? SwallowedHeader = null) : SectionConfigLine(File, Line, Start, Length);

/// <summary>
/// A section: its header and every line PVE reads as its body (properties, comments, ignored lines) up to the empty
/// line that ends it. Lines of a swallowed section belong to the section that swallowed them, as in PVE.
/// </summary>
public sealed record SectionSyntax(HeaderLine Header, ImmutableArray<SectionConfigLine> Body)
{
    /// <summary>From the header to the last line that is not a comment (or the last comment, if all are).</summary>
    public SourceSpan Span
    {
        get
        {
            var last = Body.IsEmpty ? null : Body[^1];
            for (var i = Body.Length - 1; i >= 0; i--)
                if (Body[i] is not CommentLine)
                {
                    last = Body[i];
                    break;
                }
            return last is null ? Header.Span : Header.Span.Union(last.Span);
        }
    }

    public IEnumerable<PropertyLine> Properties => Body.OfType<PropertyLine>();
}

/// <summary>The syntax tree of one section-config file: the sections, syntax diagnostics, and all lines in order.</summary>
/// <param name="Shape">How headers look in this file (the lines are scanned again with it for <see cref="Lines"/>).</param>
public sealed record SectionConfigDocument(
    SourceFile File,
    ImmutableArray<SectionSyntax> Sections,
    ImmutableArray<Diagnostic> Diagnostics,
    SectionHeaderShape Shape)
{
    // Blank, junk and header lines in one list are for tools and tests: the binder reads the sections only, and a
    // large cluster's resources.cfg has tens of thousands of lines. Scanned again when first asked for.
    private readonly Lazy<ImmutableArray<SectionConfigLine>> _lines = new(() => SectionConfigScanner.ScanLines(File, Shape));

    /// <summary>Every line of the file in order (split on '\n' only, no empty line after the last break), each once.</summary>
    public ImmutableArray<SectionConfigLine> Lines => _lines.Value;
}
