using System.Collections.Immutable;
using PveLint.SectionConfig.Syntax;
using PveLint.Text;

namespace PveLint.Datacenter;

/// <summary>One physical line of datacenter.cfg as PVE classifies it.</summary>
public abstract record DatacenterLine(int Line, SourceSpan Span, string Text);

/// <summary>A line that is empty or only whitespace.</summary>
public sealed record DatacenterBlankLine(int Line, SourceSpan Span, string Text) : DatacenterLine(Line, Span, Text);

/// <summary>
/// A line starting with '#' in column 1: part of the datacenter description (web UI "Notes"), URI-decoded.
/// </summary>
public sealed record DatacenterDescriptionLine(int Line, SourceSpan Span, string Text, string Decoded) : DatacenterLine(Line, Span, Text);

/// <summary>An indented '#' line: PVE skips it, and it is not part of the description either.</summary>
public sealed record DatacenterCommentLine(int Line, SourceSpan Span, string Text) : DatacenterLine(Line, Span, Text);

/// <summary>A <c>key: value</c> line. <see cref="Value"/> may be empty (its span then sits after the colon).</summary>
public sealed record DatacenterEntryLine(int Line, SourceSpan Span, string Text, SyntaxToken Key, SyntaxToken Value) : DatacenterLine(Line, Span, Text);

/// <summary>A line that is no <c>key: value</c>: PVE warns "ignore config line" and skips it.</summary>
public sealed record DatacenterJunkLine(int Line, SourceSpan Span, string Text) : DatacenterLine(Line, Span, Text);

/// <summary>The syntax tree of datacenter.cfg: every line, and the description built from the '#' lines.</summary>
public sealed record DatacenterDocument(SourceFile File, ImmutableArray<DatacenterLine> Lines, string Description)
{
    public IEnumerable<DatacenterEntryLine> Entries => Lines.OfType<DatacenterEntryLine>();
}
