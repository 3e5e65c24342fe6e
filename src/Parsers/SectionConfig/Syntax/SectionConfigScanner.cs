using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.SectionConfig.Syntax;

/// <summary>
/// The line scanner behind every PVE section-config file (storage.cfg, replication.cfg, ha/*.cfg). It follows
/// pve-common <c>PVE::SectionConfig::parse_config</c> line by line (reference/pve-ha-manager.md §1.1,
/// reference/pve-formats.md §2):
/// <list type="bullet">
/// <item>the file is split on '\n' only, so a CRLF file's "empty" lines are "\r", which is not empty;</item>
/// <item>lines whose first non-blank character is '#' are skipped everywhere and never end a section;</item>
/// <item>a header starts a section only where the scanner is outside a section; the body runs to the first line
///   that is empty (or "0", which Perl also reads as false) — a header before that is ignored and its keys
///   land in the section above;</item>
/// <item>a body line is <c>^\s+(\S+)(\s+(.*\S))?\s*$</c>: any indentation, a key, an optional value with
///   trailing whitespace trimmed; there are no inline comments.</item>
/// </list>
/// It knows nothing about keys or types; <see cref="SectionConfigBinder"/> does that.
/// </summary>
public static class SectionConfigScanner
{
    public static SectionConfigDocument Scan(SourceFile file, SectionHeaderShape shape)
    {
        var scan = new Walk(file, shape, recordLines: false);
        scan.Run();
        return new SectionConfigDocument(file, scan.Sections.ToImmutable(), scan.Finish(), shape);
    }

    /// <summary>Every line of the file, as <see cref="SectionConfigDocument.Lines"/> gives them (the same scan, recording each).</summary>
    internal static ImmutableArray<SectionConfigLine> ScanLines(SourceFile file, SectionHeaderShape shape)
    {
        var scan = new Walk(file, shape, recordLines: true);
        scan.Run();
        return scan.Lines!.DrainToImmutable();
    }

    private sealed class Walk(SourceFile file, SectionHeaderShape shape, bool recordLines)
    {
        // Every line of the file (split on '\n' only, no empty line after the last break) is one entry: sized once,
        // handed over without a copy. Only when asked for: sections keep their own lines.
        public readonly ImmutableArray<SectionConfigLine>.Builder? Lines = recordLines
            ? ImmutableArray.CreateBuilder<SectionConfigLine>(file.Text.AsSpan().Count('\n') + (file.Text.Length > 0 && file.Text[^1] != '\n' ? 1 : 0))
            : null;
        public readonly ImmutableArray<SectionSyntax>.Builder Sections = ImmutableArray.CreateBuilder<SectionSyntax>();
        private readonly ImmutableArray<Diagnostic>.Builder _diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        private DiagnosticBudget? _budget;

        private DiagnosticBudget Diagnostics => _budget ??= DiagnosticBudget.ForFile(file, _diagnostics.Add);

        public ImmutableArray<Diagnostic> Finish()
        {
            _orphans.Flush(Diagnostics);
            Diagnostics.Flush();
            return _diagnostics.ToImmutable();
        }

        private readonly string _text = file.Text;
        private int _pos;
        private int _lastTerminator; // the line of the empty line that ended the last section, 0 for none
        private HeaderLine? _lastHeader;
        private int _lastRejectedHeaderLine;
        private readonly OrphanLines _orphans = new();

        /// <summary>A line as read: where it lies in the file (with a '\r' before its '\n'), and its number.</summary>
        private readonly record struct RawLine(SourceFile File, int Start, int Length, int Line)
        {
            public ReadOnlySpan<char> Text => File.Text.AsSpan(Start, Length);

            /// <summary>Worked out for messages only.</summary>
            public SourceSpan Span => SectionConfigLine.SpanOf(File, Start, Length);
        }

        public void Run()
        {
            while (_pos < _text.Length)
            {
                if (NextNonComment(null) is not { } line) break;
                if (IsFalse(line.Text))
                {
                    Lines?.Add(new BlankLine(file, line.Line, line.Start, line.Length));
                    continue;
                }

                var header = MatchHeader(line);
                if (header is null)
                {
                    AddOutsideJunk(line);
                    continue;
                }

                _orphans.Flush(Diagnostics);
                Lines?.Add(header);
                ReadSection(header);
            }
        }

        private void ReadSection(HeaderLine header)
        {
            var body = _body;
            body.Clear();
            RawLine? line;
            while ((line = NextNonComment(body)) is { } read && !IsFalse(read.Text))
            {
                var classified = ClassifyBodyLine(read, header);
                Lines?.Add(classified);
                body.Add(classified);
            }

            Sections.Add(new SectionSyntax(header, [.. body]));
            _lastHeader = header;
            _lastTerminator = 0;
            _lastRejectedHeaderLine = 0;

            if (line is { } terminator)
            {
                _lastTerminator = terminator.Line;
                Lines?.Add(new BlankLine(file, terminator.Line, terminator.Start, terminator.Length));
            }
        }

        private SectionConfigLine ClassifyBodyLine(RawLine line, HeaderLine header)
        {
            var text = line.Text;
            var keyStart = PerlText.SkipSpaces(text, 0, text.Length);
            if (keyStart > 0 && keyStart < text.Length)
            {
                var keyEnd = keyStart;
                while (keyEnd < text.Length && !PerlText.IsSpace(text[keyEnd])) keyEnd++;
                var key = RepeatedValues.Of(text[keyStart..keyEnd]);
                var valueStart = PerlText.SkipSpaces(text, keyEnd, text.Length);
                var valueEnd = PerlText.TrimEnd(text, valueStart, text.Length);
                var value = valueEnd > valueStart ? Token(line, valueStart, valueEnd - valueStart) : null;
                var property = new PropertyLine(file, line.Line, line.Start, line.Length, key, keyStart, value);
                ReportInlineComment(property, header);
                return property;
            }

            if (PerlText.IsBlank(text))
            {
                Diagnostics.Report(Diagnostic.At(DiagnosticIds.SyntaxError, line.Span, text.Trim(" \t").SequenceEqual("\r")
                    ? $"Line {line.Line} holds only a carriage return: the file has Windows (CRLF) line ends, and PVE's parser does not take '\\r' as an empty line but ignores it ('ignore config line'), so section '{MessageText.Short(header.Id.Value)}' does not end here and every header below is swallowed into it; convert the file to LF line ends."
                    : $"Line {line.Line} holds only whitespace: PVE does not end section '{MessageText.Short(header.Id.Value)}' here (only an empty line does) and ignores the line ('ignore config line'); remove the whitespace."));
                return new JunkLine(file, line.Line, line.Start, line.Length, JunkKind.WhitespaceOnly);
            }

            var swallowed = MatchHeader(line);
            if (swallowed is not null)
            {
                Diagnostics.Report(new Diagnostic(DiagnosticIds.SwallowedSection,
                    $"Section header '{MessageText.Short(text.TrimEnd().ToString())}' on line {line.Line} has no empty line before it: PVE ignores it as junk ('ignore config line') and reads the indented lines below it as more keys of section '{MessageText.Short(header.Id.Value)}' (line {header.Line}); insert an empty line before it.",
                    line.Span,
                    [new RelatedSpan(header.Span, $"section '{MessageText.Short(header.Id.Value)}' that swallows the header")]));
                return new JunkLine(file, line.Line, line.Start, line.Length, JunkKind.SwallowedHeader, swallowed);
            }

            Diagnostics.Report(Diagnostic.At(DiagnosticIds.SyntaxError, line.Span,
                $"PVE ignores line {line.Line} in section '{MessageText.Short(header.Id.Value)}' ('ignore config line'): a body line must be indented and start with a key."));
            return new JunkLine(file, line.Line, line.Start, line.Length, JunkKind.NotAProperty);
        }

        private void AddOutsideJunk(RawLine line)
        {
            var text = line.Text;
            var indented = text.Length > 0 && PerlText.IsSpace(text[0]);
            string message;
            if (indented && _lastRejectedHeaderLine > 0)
                message = $"PVE ignores line {line.Line} ('ignore config line'): it belongs to no section, because PVE did not take line {_lastRejectedHeaderLine} above as a section header ('{shape.Description}').";
            else if (indented && _lastTerminator > 0 && _lastHeader is not null)
                message = $"PVE ignores line {line.Line} ('ignore config line'): the empty line {_lastTerminator} ended section '{MessageText.Short(_lastHeader.Id.Value)}', so this indented line belongs to no section; remove the empty line if it is meant for '{MessageText.Short(_lastHeader.Id.Value)}'.";
            else if (indented && shape.TryMatch(text[PerlText.SkipSpaces(text, 0, text.Length)..], out _, out _))
                message = $"PVE ignores line {line.Line} ('ignore config line'): a section header must start in column 1, without indentation.";
            else if (!indented && text.IndexOf('#') is var hash and > 0 && shape.TryMatch(text[..PerlText.TrimEnd(text, 0, hash)], out _, out _))
                message = $"PVE ignores line {line.Line} ('ignore config line'): PVE has no inline comments, so '{MessageText.Short(text.TrimEnd().ToString())}' is not a section header ('{shape.Description}' and nothing after it); move the comment to a line of its own.";
            else
                message = $"PVE ignores line {line.Line} ('ignore config line'): it is neither a section header '{shape.Description}' nor inside a section.";
            // One mistake, one finding: the indented lines a rejected header or an empty line cut off follow from the
            // first finding of the run and become its related locations.
            var followsRejectedHeader = indented && _lastRejectedHeaderLine > 0;
            var followsTerminator = !followsRejectedHeader && indented && _lastTerminator > 0 && _lastHeader is not null;
            var cause = followsRejectedHeader ? -_lastRejectedHeaderLine : followsTerminator ? _lastTerminator : 0;
            if (cause == 0 || !_orphans.Attach(cause, line.Span, line.Line))
            {
                _orphans.Flush(Diagnostics);
                var diagnostic = Diagnostic.At(DiagnosticIds.SyntaxError, line.Span, message);
                if (!indented) _orphans.Start(-line.Line, diagnostic);
                else if (followsTerminator) _orphans.Start(cause, diagnostic);
                else Diagnostics.Report(diagnostic);
            }
            Lines?.Add(new JunkLine(file, line.Line, line.Start, line.Length, JunkKind.OutsideSection));
            if (!indented)
            {
                _lastRejectedHeaderLine = line.Line;
                _lastTerminator = 0;
            }
        }

        private void ReportInlineComment(PropertyLine property, HeaderLine header)
        {
            // A comment or description is free text: a '#' in it is content, not a mistaken comment.
            if (property.KeyText is "comment" or "description") return;
            var index = property.InlineCommentIndex;
            if (index < 0) return;
            var value = property.Value!;
            var span = file.SpanOf(property.ValueOffset + index, value.Value.Length - index);
            Diagnostics.Report(Diagnostic.At(DiagnosticIds.InlineCommentInValue, span,
                $"PVE has no inline comments: the value of '{MessageText.Short(property.KeyText)}' in section '{MessageText.Short(header.Id.Value)}' is all of '{MessageText.Short(value.Value)}', including '{MessageText.Short(value.Value[index..])}'; move the comment to a line of its own."));
        }

        private HeaderLine? MatchHeader(RawLine line)
        {
            if (!shape.TryMatch(line.Text, out var type, out var id)) return null;
            return new HeaderLine(file, line.Line, line.Start, line.Length, RepeatedValues.Of(line.Text.Slice(type.Start, type.Length)), type.Start, Token(line, id.Start, id.Length));
        }

        /// <summary>
        /// The next line that is not a comment (comments go to <paramref name="body"/> when inside a section), or
        /// null at the end of the file.
        /// </summary>
        /// <summary>The lines of the section being read: one list for the whole file, each body copied out of it once.</summary>
        private readonly List<SectionConfigLine> _body = [];

        private RawLine? NextNonComment(List<SectionConfigLine>? body)
        {
            while (_pos < _text.Length)
            {
                var line = ReadLine();
                var first = PerlText.SkipSpaces(line.Text, 0, line.Text.Length);
                if (first < line.Text.Length && line.Text[first] == '#')
                {
                    var comment = new CommentLine(file, line.Line, line.Start, line.Length);
                    Lines?.Add(comment);
                    body?.Add(comment);
                    continue;
                }
                return line;
            }
            return null;
        }

        private RawLine ReadLine()
        {
            var start = _pos;
            var newline = _text.IndexOf('\n', start);
            var end = newline < 0 ? _text.Length : newline;
            _pos = newline < 0 ? _text.Length : newline + 1;
            return new RawLine(file, start, end - start, file.PositionOf(start).Line);
        }

        /// <summary>
        /// A token, located; its text is shared with equal keys, types and short values read before
        /// (<see cref="RepeatedValues"/>): a large file repeats a handful of keys and values on tens of thousands of lines.
        /// </summary>
        private Located<string> Token(RawLine line, int start, int length) =>
            new(RepeatedValues.Of(line.Text.Slice(start, length)), file.SpanOf(line.Start + start, length));

        /// <summary>Perl's <c>next if !$line</c> / <c>while ($line = ...)</c>: "" and "0" are false.</summary>
        private static bool IsFalse(ReadOnlySpan<char> text) => text.Length == 0 || text.SequenceEqual("0");
    }

}
