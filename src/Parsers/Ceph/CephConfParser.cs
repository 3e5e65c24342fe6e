using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Ceph;

/// <summary>
/// Reads ceph.conf as PVE does (pve-storage <c>PVE::CephConfig::parse_ceph_config</c>, reference/pve-formats.md §5;
/// its test <c>ceph_conf_parse_write_test.pl</c> fixes the expected results):
/// <list type="bullet">
/// <item>a line whose first non-blank character is ';' or '#' is a comment; inline ';' and '#' end a value unless
/// escaped (<c>\;</c> <c>\#</c>); a line that is only <c>\</c> is skipped;</item>
/// <item>any line containing '[' is read as a section header <c>[name]</c>, which may be followed only by blanks and a
/// comment; a header that fails to parse leaves PVE outside any section, so the keys after it are ignored up to the
/// next good header (a value like <c>a[0]</c> therefore breaks its section in PVE);</item>
/// <item><c>key = value</c>: the key may contain blanks (runs become '_'), the value may be 'single' or "double"
/// quoted; '\' at the end of a line continues the key, the blank after '=', or an unquoted value on the next line;</item>
/// <item>a repeated key or section merges, the last value wins (as in Ceph's own <c>ConfFile</c>).</item>
/// </list>
/// Every line PVE warns about and skips is a PVE0001 here; parsing goes on with the next line.
/// </summary>
public static class CephConfParser
{
    public static CephConfSyntax Parse(SourceFile file) => new Reader(file).Run();

    private sealed class SectionBuilder(Located<string> name, SourceSpan header)
    {
        public List<CephConfEntry> Entries { get; } = new();
        public CephConfSection Build() => new(name, header, Entries.ToImmutableArray());
    }

    private sealed class Reader(SourceFile file)
    {
        private readonly List<SectionBuilder> _sections = new();
        private readonly List<Diagnostic> _diagnostics = new();
        private DiagnosticBudget? _budget;

        /// <summary>Capped per id, so a file of a million bad lines keeps 500 diagnostics and a summary.</summary>
        private DiagnosticBudget Diagnostics => _budget ??= DiagnosticBudget.ForFile(file, _diagnostics.Add);
        private readonly Dictionary<(string Section, string Key), CephConfEntry> _lastByKey = new();
        private SectionBuilder? _current;
        private string? _currentName;
        private int? _failedHeaderLine;
        private int _next = 1;

        /// <summary>Perl's <c>shift(@lines)</c>: the next line, or null at the end of the file.</summary>
        private TracedText? Shift() => _next <= file.LineCount ? TracedText.Line(file, _next++) : null;

        public CephConfSyntax Run()
        {
            while (_next <= file.LineCount)
            {
                var lineNumber = _next;
                var line = Shift()!.Value;
                var text = line.Text;
                var first = 0;
                while (first < text.Length && PerlText.IsSpace(text[first])) first++;
                if (first == text.Length || CephConfScan.IsComment(text[first])) continue;
                if (text is "\\" or "0") continue; // a lone continuation marker; "0" is false in Perl's 'next if !$line'

                if (text.Contains('['))
                {
                    ReadHeader(line, lineNumber);
                    continue;
                }
                if (_current is null)
                {
                    Report(lineNumber, _failedHeaderLine is { } failed
                        ? $"Line '{Excerpt(text)}' follows the section header on line {failed} that could not be read, so PVE skips it."
                        : $"Line '{Excerpt(text)}' comes before the first [section]; PVE skips it and Ceph does not accept keys outside a section.");
                    continue;
                }
                ReadEntry(line, lineNumber);
            }
            Diagnostics.Flush();
            return new CephConfSyntax(_sections.Select(s => s.Build()).ToImmutableArray(), _diagnostics.ToImmutableArray());
        }

        private void ReadHeader(TracedText line, int lineNumber)
        {
            _current = null;
            _currentName = null;
            var joined = new TracedTextBuilder().Append(line);
            while (joined.EndsWith('\\'))
            {
                joined.RemoveLast();
                if (Shift() is { } next) joined.Append(next);
            }
            var header = joined.Build();
            var startsWithBracket = header.Text.TrimStart().StartsWith('[');

            var match = CephConfScan.FindDelimited(header.Text, '[', ']', 1, 0, anchored: false);
            var name = match is { } m ? CephConfScan.UnescapeComments(header.Text[m.InnerStart..m.InnerEnd]) : "";
            string? problem = null;
            if (match is null || name is "0")
            {
                problem = "is not a section header '[name]'";
            }
            else
            {
                var (start, _, _, end) = match.Value;
                var rest = (header.Text[..start] + header.Text[end..]).TrimStart(' ', '\t', '\n', '\r', '\f', '\v');
                if (rest.Length > 0 && !CephConfScan.IsComment(rest[0]) && rest != "0")
                    problem = $"has '{Excerpt(rest)}' beside the section header, where only a comment may follow";
            }
            if (problem is not null)
            {
                Report(lineNumber, startsWithBracket
                    ? $"Line '{Excerpt(line.Text)}' {problem}, so PVE ignores it and every key up to the next section header."
                    : $"Line '{Excerpt(line.Text)}' contains '[', so PVE reads it as a section header; it {problem}, so PVE ignores it and every key up to the next section header.");
                _failedHeaderLine = lineNumber;
                return;
            }

            var (s, innerStart, innerEnd, e) = match!.Value;
            var nameSpan = header.Slice(innerStart, innerEnd - innerStart).Span(file, header.OffsetAt(s));
            _current = new SectionBuilder(new Located<string>(name, nameSpan), header.Slice(s, e - s).Span(file, header.OffsetAt(s)));
            _currentName = name;
            _failedHeaderLine = null;
            _sections.Add(_current);
        }

        private void ReadEntry(TracedText line, int lineNumber)
        {
            // The key: key characters, a trailing '\' replacing the rest of the line with the next line.
            TracedText? remainder = line;
            var keyBuilder = new TracedTextBuilder();
            while (remainder is { } r && CephConfScan.KeyPrefix(r.Text) is var length && length > 0)
            {
                keyBuilder.Append(r.Slice(0, length));
                remainder = r.From(length);
                while (keyBuilder.EndsWith('\\'))
                {
                    keyBuilder.RemoveLast();
                    remainder = Shift();
                }
            }
            var rawKey = keyBuilder.Build().Trim();
            var key = CephConfScan.NormalizeKey(rawKey.Text);
            if (key.Length == 0)
            {
                Report(lineNumber, $"Line '{Excerpt(line.Text)}' in section [{_currentName}] has no key before '=', so PVE skips it.");
                return;
            }

            // The separator: blanks, '=', blanks; a lone '\' after it continues on the next line.
            var equals = remainder is { } rem ? SkipBlanks(rem.Text, 0) : -1;
            if (remainder is null || equals >= remainder.Value.Length || remainder.Value[equals] != '=')
            {
                Report(lineNumber, $"Line '{Excerpt(line.Text)}' in section [{_currentName}] has no '=' after key '{Excerpt(key)}', so PVE skips it.");
                return;
            }
            remainder = remainder.Value.From(SkipBlanks(remainder.Value.Text, equals + 1));
            while (remainder is { Text: "\\" })
                remainder = Shift()?.Trim(trailing: false);

            var value = ReadValue(remainder, line, lineNumber, key);
            if (value is null) return;

            var keySpan = rawKey.Span(file, line.OffsetAt(0));
            var entry = new CephConfEntry(new Located<string>(rawKey.Text, keySpan), key, value.Value.Value, value.Value.Quote, keySpan.Union(value.Value.Value.Span));
            _current!.Entries.Add(entry);
            TrackDuplicate(entry);
        }

        private (Located<string> Value, char? Quote)? ReadValue(TracedText? remainder, TracedText line, int lineNumber, string key)
        {
            if (remainder is not { } rem || rem.Length == 0)
            {
                Report(lineNumber, $"Key '{Excerpt(key)}' in section [{_currentName}] has no value after '=', so PVE skips it.");
                return null;
            }
            var text = rem.Text;
            var quote = text[0] is '\'' or '"' ? text[0] : (char?)null;
            var length = quote is { } q && CephConfScan.FindDelimited(text, q, q, 0, 0, anchored: true) is { } quoted
                ? quoted.End
                : CephConfScan.UnquotedPrefix(text);
            if (length == 0)
            {
                Report(lineNumber, $"Key '{Excerpt(key)}' in section [{_currentName}] has no value after '=' (only a comment), so PVE skips it.");
                return null;
            }
            var raw = rem.Slice(0, length);
            var rest = rem.From(length).Text;

            if (quote is not null)
            {
                // PVE looks for a single-quoted, then a double-quoted string anywhere in what it matched.
                var inner = CephConfScan.FindDelimited(raw.Text, '\'', '\'', 0, 0, anchored: false)
                            ?? CephConfScan.FindDelimited(raw.Text, '"', '"', 0, 0, anchored: false);
                if (inner is not { } found)
                {
                    Report(lineNumber, $"The quoted value of key '{Excerpt(key)}' in section [{_currentName}] is not closed (';' and '#' must be escaped inside quotes), so PVE skips the line.");
                    return null;
                }
                while (rest == "\\") rest = Shift()?.Text ?? "";
                rest = rest.TrimStart(' ', '\t', '\n', '\r', '\f', '\v');
                if (rest.Length > 0 && !CephConfScan.IsComment(rest[0]) && rest != "0")
                {
                    Report(lineNumber, $"Key '{Excerpt(key)}' in section [{_currentName}] has '{Excerpt(rest)}' after its quoted value, where only a comment may follow, so PVE skips the line.");
                    return null;
                }
                var innerText = raw.Slice(found.InnerStart, found.InnerEnd - found.InnerStart);
                return (new Located<string>(CephConfScan.UnescapeComments(innerText.Text), innerText.Span(file, raw.OffsetAt(found.InnerStart))), raw.Text[found.Start]);
            }

            var builder = new TracedTextBuilder().Append(raw);
            while (builder.EndsWith('\\'))
            {
                builder.RemoveLast();
                if (Shift() is { } next) builder.Append(next.Slice(0, CephConfScan.UnquotedPrefix(next.Text)));
            }
            var value = builder.Build().Trim(leading: false);
            return (new Located<string>(CephConfScan.UnescapeComments(value.Text), value.Span(file, raw.OffsetAt(0))), null);
        }

        /// <summary>PVE and Ceph keep the last value of a repeated key, also across repeated sections.</summary>
        private void TrackDuplicate(CephConfEntry entry)
        {
            var slot = (_currentName!, entry.Key);
            if (_lastByKey.TryGetValue(slot, out var earlier))
            {
                Diagnostics.Report(new Diagnostic(DiagnosticIds.DuplicateKey,
                    $"Key '{entry.Key}' is set twice in section [{_currentName}]; PVE and Ceph use the later value '{Excerpt(entry.Value.Value)}' (line {entry.Span.Line}).",
                    earlier.RawKey.Span, [new RelatedSpan(entry.Span, "the later value, which wins")]));
            }
            _lastByKey[slot] = entry;
        }

        private static int SkipBlanks(string s, int from)
        {
            while (from < s.Length && PerlText.IsSpace(s[from])) from++;
            return from;
        }

        private void Report(int line, string message) => Diagnostics.Report(Diagnostic.At(DiagnosticIds.SyntaxError, file.LineSpan(line), message));

        private static string Excerpt(string text) => text.Length <= 60 ? text : text[..60] + "...";
    }
}
