using System.Collections.Immutable;
using System.Text;
using PveLint.SectionConfig.Syntax;
using PveLint.Text;

namespace PveLint.Datacenter;

/// <summary>
/// The line grammar of datacenter.cfg (reference/pve-formats.md §1.1): pve-cluster <c>parse_datacenter_config</c>
/// collects every line starting with '#' as the URI-encoded description, then pve-common
/// <c>JSONSchema::parse_config</c> trims each non-blank line, skips '#' lines and splits
/// <c>^(\S+?):\s*(.*)$</c> — the key runs to the first colon and may not contain whitespace.
/// </summary>
public static class DatacenterScanner
{
    public static DatacenterDocument Scan(SourceFile file)
    {
        var lines = ImmutableArray.CreateBuilder<DatacenterLine>();
        var description = new StringBuilder();
        var text = file.Text;
        var pos = 0;
        while (pos < text.Length)
        {
            var start = pos;
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            pos = newline < 0 ? text.Length : newline + 1;
            lines.Add(ScanLine(file, start, end, description));
        }
        return new DatacenterDocument(file, lines.ToImmutable(), description.ToString());
    }

    private static DatacenterLine ScanLine(SourceFile file, int start, int end, StringBuilder description)
    {
        var text = file.Text;
        var raw = text[start..end];
        var spanEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
        var span = file.SpanOf(start, spanEnd - start);
        var line = span.Line;

        if (raw.StartsWith('#'))
        {
            var decoded = UriText.Decode(raw[1..].TrimEnd('\r'));
            description.Append(decoded).Append('\n');
            return new DatacenterDescriptionLine(line, span, raw, decoded);
        }

        var first = PerlText.SkipSpaces(text, start, end);
        var last = PerlText.TrimEnd(text, first, end);
        if (first == last) return new DatacenterBlankLine(line, span, raw);
        if (text[first] == '#') return new DatacenterCommentLine(line, span, raw);

        // ^(\S+?):  — the shortest run of non-spaces (at least one character) followed by a colon.
        for (var i = first + 1; i < last; i++)
        {
            if (PerlText.IsSpace(text[i - 1])) break;
            if (text[i] != ':') continue;
            var key = new SyntaxToken(text[first..i], first, file.SpanOf(first, i - first));
            var valueStart = PerlText.SkipSpaces(text, i + 1, last);
            var value = new SyntaxToken(text[valueStart..last], valueStart, file.SpanOf(valueStart, last - valueStart));
            return new DatacenterEntryLine(line, span, raw, key, value);
        }
        return new DatacenterJunkLine(line, span, raw);
    }
}
