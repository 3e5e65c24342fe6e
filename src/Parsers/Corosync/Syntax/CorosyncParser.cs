using System.Collections.Immutable;
using System.Text;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Corosync.Syntax;

/// <summary>
/// Parses corosync.conf into a <see cref="CorosyncDocument"/> the way corosync 3.1.7 reads it
/// (reference/corosync-quorum.md §1.1): line by line (only '\n' ends a line), each line classified by
/// <see cref="CorosyncLineGrammar"/>, blocks paired with an explicit stack so nesting depth never recurses.
/// corosync stops at its first error; this parser reports it at the same line and keeps going, so the rest of the
/// file is still read. When the braces do not pair up, a second pass pairs them by indentation, which is what the
/// author almost always meant.
/// </summary>
public static class CorosyncParser
{
    /// <summary>fgets() into a 512-byte buffer: 510 bytes of text (a trailing '\r' included) plus '\n' and NUL.</summary>
    public const int MaxLineBytes = 510;

    /// <summary>ICMAP_KEYNAME_MAXLEN: a section or key path of 255 or more bytes is refused.</summary>
    public const int MaxPathBytes = 255;

    /// <summary>
    /// Deepest nesting kept in the tree. With one-letter names the 255-byte path limit already refuses
    /// anything past 127 levels, so nothing corosync accepts is lost; deeper blocks only have their braces counted.
    /// </summary>
    public const int MaxDepth = 128;

    /// <summary>Syntax errors reported per file before the rest are summarised in one diagnostic.</summary>
    public const int MaxDiagnostics = 200;

    /// <summary>The sections corosync.conf(5) allows at the top level; used only to recover from a missing '}'.</summary>
    internal static readonly ImmutableHashSet<string> TopLevelSections =
        ImmutableHashSet.Create(StringComparer.Ordinal, "totem", "logging", "quorum", "nodelist", "system", "resources", "nozzle", "uidgid");

    public static CorosyncDocument Parse(SourceFile file)
    {
        var strict = new TreeBuilder(file, pairByIndentation: false).Run();
        if (!strict.Unbalanced) return strict.Document;

        // The braces do not pair up: rebuild the tree pairing them by indentation (see TreeBuilder.CloseByIndentation
        // and CloseSection). Line errors and 'Missing closing brace' stay at corosync's lines; a '}' taken as an
        // extra one is reported where it stands.
        return new TreeBuilder(file, pairByIndentation: true).Run().Document;
    }

    /// <summary>One physical line: where its text starts, its trimmed text and shape, and the corosync line number.</summary>
    internal readonly record struct PhysicalLine(int Number, int Start, string Content, LineShape? Shape, bool TooLong, bool HasNul)
    {
        /// <summary>0-based offset of the first non-blank character (the line's indentation).</summary>
        public int Indent
        {
            get
            {
                var i = 0;
                while (i < Content.Length && CorosyncText.IsBlank(Content[i])) i++;
                return i;
            }
        }
    }

    /// <summary>
    /// The lines as corosync's fgets() loop sees them, produced one at a time so a huge file is never held twice.
    /// Identical lines ("  }", blank lines) are classified once.
    /// </summary>
    internal static IEnumerable<PhysicalLine> ReadLines(SourceFile file)
    {
        var text = file.Text;
        var shapes = new Dictionary<string, LineShape>(StringComparer.Ordinal);
        var start = 0;
        var number = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var rawEnd = newline < 0 ? text.Length : newline;
            number++;
            var rawLength = rawEnd - start;
            var tooLong = rawLength > MaxLineBytes || (rawLength * 3 > MaxLineBytes && Encoding.UTF8.GetByteCount(text.AsSpan(start, rawLength)) > MaxLineBytes);
            if (tooLong)
            {
                yield return new PhysicalLine(number, start, "", null, true, false);
            }
            else
            {
                // §1.1 rule 2: drop one '\r', then trailing spaces and tabs.
                var end = rawEnd;
                if (end > start && text[end - 1] == '\r') end--;
                while (end > start && CorosyncText.IsBlank(text[end - 1])) end--;
                var content = end == start ? "" : text.Substring(start, end - start);
                var hasNul = content.Contains('\0');
                yield return new PhysicalLine(number, start, content, hasNul ? null : Classify(content, shapes), false, hasNul);
            }
            if (newline < 0) break;
            start = newline + 1;
        }
    }

    private static LineShape Classify(string content, Dictionary<string, LineShape> shapes)
    {
        if (shapes.TryGetValue(content, out var shape)) return shape;
        shape = CorosyncLineGrammar.Classify(content);
        if (shapes.Count >= 4096) shapes.Clear();
        shapes[content] = shape;
        return shape;
    }

    private sealed record BuildResult(CorosyncDocument Document, bool Unbalanced);

    private sealed class Frame(Located<string> name, SourceSpan header, int pathBytes, int indent)
    {
        public Located<string> Name { get; } = name;
        public SourceSpan Header { get; } = header;
        public int PathBytes { get; } = pathBytes;
        public int Indent { get; } = indent;
        public List<CorosyncNode> Children { get; } = new();
    }

    /// <summary>
    /// Pairs the lines into blocks. With <paramref name="pairByIndentation"/> (the second pass, when the first found the
    /// braces unbalanced), a header of a top-level section (or of a sibling with the same name) at or left of an open
    /// block's indentation closes that block, and a '}' indented deeper than the block it would close is an extra one.
    /// </summary>
    private sealed class TreeBuilder(SourceFile file, bool pairByIndentation)
    {
        private readonly List<Diagnostic> _diagnostics = new();
        private readonly List<CorosyncNode> _root = new();
        private readonly List<Frame> _stack = new();
        private readonly List<Frame> _implicitlyClosed = new();
        private int _skippedDepth;
        private bool _depthReported;
        private bool _unexpectedClose;
        private PhysicalLine? _lastLine;

        public BuildResult Run()
        {
            foreach (var line in ReadLines(file))
            {
                Read(line);
                _lastLine = line;
            }

            var endedUnclosed = _stack.Count > 0 || _skippedDepth > 0;
            if (endedUnclosed || _implicitlyClosed.Count > 0) ReportMissingClose();
            while (_stack.Count > 0) Pop(closeSpan: null);
            return new BuildResult(new CorosyncDocument(file, _root.ToImmutableArray(), _diagnostics.ToImmutableArray()),
                endedUnclosed || _unexpectedClose);
        }

        private void Read(PhysicalLine line)
        {
            if (line.TooLong)
            {
                Report(LineSpan(line), $"Line {line.Number} is longer than {MaxLineBytes} bytes; corosync reads lines into a 512-byte buffer and refuses to start ('Line too long').");
                return;
            }
            if (line.HasNul)
            {
                Report(LineSpan(line), $"Line {line.Number} holds a NUL byte; corosync stops reading the line there and refuses to start ('Line too long').");
                return;
            }
            if (_skippedDepth > 0)
            {
                // Inside blocks nested deeper than MaxDepth: only keep the braces paired.
                if (line.Shape is SectionOpenLine) _skippedDepth++;
                else if (line.Shape is CloseLine) _skippedDepth--;
                return;
            }
            switch (line.Shape)
            {
                case BlankLine or null:
                    return;
                case CommentLine c:
                    Add(new CorosyncComment(line.Content[c.Hash..], Span(line, c.Hash, line.Content.Length - c.Hash)));
                    return;
                case SectionOpenLine s:
                    OpenSection(line, s);
                    return;
                case KeyValueLine kv:
                    AddItem(line, kv);
                    return;
                case CloseLine close:
                    CloseSection(line, close.Brace);
                    return;
                case CloseWithExtraLine extra:
                    Report(Span(line, extra.Start, line.Content.Length - extra.Start),
                        $"The line '{Shorten(line.Content.Trim(' ', '\t'))}' has text beside its '}}'; a closing line must hold only '}}', so corosync refuses to start ('Extra characters before or after closing bracket '}}'').");
                    if (line.Content[extra.Start] == '}') CloseSection(line, extra.Start, reportStray: false);
                    return;
                case OtherLine other:
                    Report(Span(line, other.Start, line.Content.Length - other.Start), OtherLineMessage(line.Content[other.Start..]));
                    return;
            }
        }

        private void OpenSection(PhysicalLine line, SectionOpenLine s)
        {
            var content = line.Content;
            var (nameStart, nameLength) = CorosyncText.NameBefore(content, s.After);
            var name = content.Substring(nameStart, nameLength);
            var first = line.Indent;
            var header = Span(line, first, content.Length - first);
            var braceSpan = Span(line, s.Brace, 1);

            if (nameLength == 0)
            {
                Report(braceSpan, "This '{' has no section name before it, so corosync refuses to start ('Missing section name before opening bracket '{'').");
            }
            else if (s.After < content.Length)
            {
                var extra = content[s.After..];
                Report(Span(line, s.After, content.Length - s.After),
                    $"Section '{Shorten(name)}' has '{Shorten(extra)}' after its '{{' on the same line; corosync allows nothing after '{{' (so one-line sections are refused) and refuses to start ('Extra characters after opening bracket '{{'').");
                // A one-line block ("system { sched_rr: yes }") opens and closes itself; anything else opens a block.
                if (extra.Contains('}')) return;
            }

            if (pairByIndentation) CloseByIndentation(line, name);

            if (_stack.Count >= MaxDepth)
            {
                _skippedDepth = 1;
                if (!_depthReported)
                    Report(braceSpan, $"Sections are nested more than {MaxDepth} levels deep here; corosync's {MaxPathBytes - 1}-byte key path limit refuses such nesting, and pvelint reads no deeper.");
                _depthReported = true;
                return;
            }

            var parentBytes = _stack.Count == 0 ? -1 : _stack[^1].PathBytes;
            var pathBytes = parentBytes + 1 + Encoding.UTF8.GetByteCount(name);
            if (pathBytes >= MaxPathBytes && nameLength > 0)
                Report(Span(line, nameStart, nameLength),
                    $"Section '{Shorten(name)}' makes its key path {pathBytes} bytes long; corosync allows at most {MaxPathBytes - 1} and refuses to start ('Start of section makes total cmap path too long').");

            var nameSpan = nameLength > 0 ? Span(line, nameStart, nameLength) : braceSpan;
            _stack.Add(new Frame(new Located<string>(name, nameSpan), header, pathBytes, first));
        }

        /// <summary>Second pass only: a header at or left of an open block's indentation closes that block.</summary>
        private void CloseByIndentation(PhysicalLine line, string name)
        {
            var indent = line.Indent;
            var count = 0;
            while (count < _stack.Count && _stack[_stack.Count - 1 - count].Indent >= indent) count++;
            if (count == 0) return;
            var outermost = _stack[_stack.Count - count];
            if (!TopLevelSections.Contains(name) && outermost.Name.Value != name) return;
            for (var i = 0; i < count; i++)
            {
                _implicitlyClosed.Add(_stack[^1]);
                Pop(closeSpan: null);
            }
        }

        private void AddItem(PhysicalLine line, KeyValueLine kv)
        {
            var content = line.Content;
            var (keyStart, keyLength) = CorosyncText.NameBefore(content, kv.Value);
            var first = line.Indent;
            var key = content.Substring(keyStart, keyLength);
            var keySpan = keyLength > 0 ? Span(line, keyStart, keyLength) : Span(line, kv.Colon, 0);
            var value = content[kv.Value..];
            var valueSpan = Span(line, kv.Value, value.Length);
            var parentBytes = _stack.Count == 0 ? -1 : _stack[^1].PathBytes;
            var pathBytes = parentBytes + 1 + Encoding.UTF8.GetByteCount(key);
            if (pathBytes >= MaxPathBytes)
                Report(keySpan, $"Key '{Shorten(key)}' makes its key path {pathBytes} bytes long; corosync allows at most {MaxPathBytes - 1} and refuses to start ('New key makes total cmap path too long').");
            Add(new CorosyncItem(new Located<string>(key, keySpan), new Located<string>(value, valueSpan), Span(line, first, content.Length - first)));
        }

        private void CloseSection(PhysicalLine line, int brace, bool reportStray = true)
        {
            var braceSpan = Span(line, brace, 1);
            if (_stack.Count == 0)
            {
                _unexpectedClose = true;
                if (reportStray)
                    Report(braceSpan, "This '}' closes no open section, so corosync refuses to start ('Unexpected closing brace').");
                return;
            }
            if (pairByIndentation && brace > _stack[^1].Indent)
            {
                // The '}' is indented deeper than the block it would close: it is the extra one.
                if (reportStray)
                    Report(braceSpan, $"This '}}' is indented deeper than section '{Shorten(_stack[^1].Name.Value)}' (line {_stack[^1].Header.Line}) and is taken as an extra brace; corosync pairs it with that section, so the braces of the file do not match and corosync refuses to start.");
                return;
            }
            Pop(braceSpan);
        }

        private void Pop(SourceSpan? closeSpan)
        {
            var frame = _stack[^1];
            _stack.RemoveAt(_stack.Count - 1);
            var end = closeSpan is { } c ? c : frame.Children.Count > 0 ? frame.Children[^1].Span : frame.Header;
            var span = frame.Header.Union(end);
            Add(new CorosyncSection(frame.Name, frame.Header, closeSpan, frame.Children.ToImmutableArray(), span));
        }

        private void Add(CorosyncNode node)
        {
            if (_stack.Count == 0) _root.Add(node);
            else _stack[^1].Children.Add(node);
        }

        /// <summary>corosync reports 'Missing closing brace' at the last line it read (§1.1 rule 5).</summary>
        private void ReportMissingClose()
        {
            var open = _implicitlyClosed.Concat(_stack).Where(f => f.Name.Value.Length > 0).ToList();
            var names = open.Count == 0
                ? "A section"
                : open.Count == 1
                    ? $"Section '{Shorten(open[0].Name.Value)}' (line {open[0].Header.Line})"
                    : "Sections " + string.Join(", ", open.Select(f => $"'{Shorten(f.Name.Value)}' (line {f.Header.Line})"));
            var verb = open.Count > 1 ? "are" : "is";
            var lastLine = _lastLine is { } last ? file.PositionOf(last.Start).Line : 1;
            var diagnostic = new Diagnostic(DiagnosticIds.SyntaxError,
                $"{names} {verb} never closed with '}}'; corosync reaches the end of the file inside a section and refuses to start ('Missing closing brace').",
                file.LineSpan(lastLine),
                open.Select(f => new RelatedSpan(f.Header, $"section '{Shorten(f.Name.Value)}' opened here")).ToImmutableArray());
            AddDiagnostic(diagnostic);
        }

        private static string OtherLineMessage(string text)
        {
            var words = text.Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
            var hint = words.Length == 2 ? $"; write '{Shorten(words[0])}: {Shorten(words[1].Trim(' ', '\t'))}' for a key" : "";
            return $"The line '{Shorten(text)}' is neither 'name {{', 'key: value' nor '}}', so corosync refuses to start ('Line is not opening or closing section or key value'){hint}.";
        }

        private void Report(SourceSpan span, string message) => AddDiagnostic(Diagnostic.At(DiagnosticIds.SyntaxError, span, message));

        private void AddDiagnostic(Diagnostic diagnostic)
        {
            if (_diagnostics.Count < MaxDiagnostics)
                _diagnostics.Add(diagnostic);
            else if (_diagnostics.Count == MaxDiagnostics)
                _diagnostics.Add(diagnostic with { Message = $"corosync.conf has more than {MaxDiagnostics} syntax errors; the rest are not listed.", Related = default });
        }

        private SourceSpan Span(PhysicalLine line, int column0, int length) => file.SpanOf(line.Start + column0, length);

        /// <summary>A whole-line span; a line corosync counts is the same line in <see cref="SourceFile"/> unless the file uses lone '\r'.</summary>
        private SourceSpan LineSpan(PhysicalLine line)
        {
            var (l, _) = file.PositionOf(line.Start);
            return file.LineSpan(l);
        }
    }

    /// <summary>Keeps quoted file text in messages short.</summary>
    internal static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
