using PveLint.Binding;
using PveLint.Corosync.Syntax;
using PveLint.Diagnostics;
using PveLint.Text;

namespace PveLint.Corosync;

/// <summary>
/// Lines corosync accepts but PVE's own parser reads differently (reference/corosync-quorum.md §1.2,
/// reference/pve-formats.md §6). <c>PVE::Corosync::parse_conf</c> deletes '#' to the end of every line, splits the
/// whole file at white space and expects <c>name {</c>, <c>}</c> and <c>key:</c> followed by exactly one value word.
/// So an inline '# note' is a comment for PVE but part of the value for corosync, and <c>key:value</c>,
/// <c>key : value</c>, values with blanks, empty values and <c>totem: {</c> break or bend PVE's reading, which pvecm
/// and the GUI rely on (and which rewrites the file when nodes are added). These are warnings: corosync itself is fine.
/// </summary>
internal static class PveParserComparison
{
    /// <summary>An inline '# note' is PVE0009 (a comment that corosync makes part of the value).</summary>
    private const string CommentId = DiagnosticIds.InlineCommentInValue;

    /// <summary>Every other line the two parsers read differently is PVE0011.</summary>
    private const string Id = DiagnosticIds.ParserDisagreement;

    private const string PveParser = "PVE's own corosync.conf parser (PVE::Corosync::parse_conf, used by pvecm and the GUI)";

    public static void Check(CorosyncDocument document, PveCorosyncReading reading, BindContext context)
    {
        foreach (var node in document.DescendantNodes())
        {
            switch (node)
            {
                case CorosyncItem item:
                    CheckItem(document.File, item, context);
                    break;
                case CorosyncSection { Name.Value.Length: > 0 } section:
                    CheckHeader(document.File, section, context);
                    break;
            }
        }
        CheckWholeFile(document.File, reading, context);
    }

    /// <summary>
    /// Where PVE's parser dies (unless a line above already said so for that line) and the node and interface blocks
    /// it drops because a later block has the same key (<see cref="PveCorosyncReading"/>).
    /// </summary>
    private static void CheckWholeFile(SourceFile file, PveCorosyncReading reading, BindContext context)
    {
        if (reading.DeathAt is { } at)
        {
            if (context.Diagnostics.Any(d => d.Span?.Line == at.Line && d.Message.Contains("stops with", StringComparison.Ordinal))) return;
            context.Report(Id, file.SpanOnLine(at.Line, at.Column, at.Text.Length),
                $"{PveParser} stops with '{Show(reading.Death!)}' here, so pvecm and the GUI cannot read corosync.conf.");
            return;
        }
        foreach (var (blocks, what, keys) in new[] { (reading.Nodes, "node", "name, else ring0_addr"), (reading.Interfaces, "interface", "linknumber, else ringnumber") })
            foreach (var dropped in blocks.Where(b => b.ReplacedBy is not null))
            {
                var winner = dropped.ReplacedBy!;
                context.Report(new Diagnostic(Id,
                    $"PVE's parser drops this {what} block: it keys {what} blocks by {keys}, and the {what} block on line {winner.Header.Line} has the same key '{Show(dropped.Key)}', so pvecm and the GUI see only that one.",
                    file.SpanOnLine(dropped.Header.Line, dropped.Header.Column, dropped.Header.Text.Length),
                    [new RelatedSpan(file.SpanOnLine(winner.Header.Line, winner.Header.Column, winner.Header.Text.Length), $"the {what} block PVE keeps")]));
            }
    }

    private static void CheckItem(SourceFile file, CorosyncItem item, BindContext context)
    {
        if (item.Span.EndLine != item.Span.Line) return; // lone '\r' inside a line: not worth a guess
        var line = file.LineText(item.Span.Line);
        var key = item.Key.Value;
        var value = item.Value.Value;
        var hash = line.IndexOf('#');
        var tokens = PveTokens(hash >= 0 ? line[..hash] : line);
        var pveReadsSame = tokens.Length == 2 && tokens[0] == key + ":" && tokens[1] == value;
        if (pveReadsSame) return;

        var valueColumn0 = item.Value.Span.Column - 1;
        if (hash >= 0 && hash >= valueColumn0 && value.Length > 0)
        {
            var comment = line[hash..].TrimEnd(' ', '\t');
            var pveValue = tokens.Length >= 2 && tokens[0] == key + ":" ? $"'{Show(tokens[1])}'" : "something else";
            context.Report(CommentId, file.SpanOnLine(item.Span.Line, hash + 1, comment.Length),
                $"corosync has no inline comments, so it reads '{Show(key)}' as '{Show(value)}', while {PveParser} drops '{Show(comment)}' and reads {pveValue}; put the comment on its own line.");
            return;
        }

        string reading;
        if (tokens.Length == 0 || !tokens[0].EndsWith(':'))
            reading = $"stops with 'missing ':' after key '{Show(tokens.FirstOrDefault() ?? key)}''";
        else if (tokens.Length == 1)
            reading = $"has no empty values and takes the next word of the file as the value of '{Show(tokens[0][..^1])}'";
        else if (tokens.Length > 2)
            reading = tokens[2].EndsWith(':')
                ? $"splits values at blanks, reads '{Show(key)}' as '{Show(tokens[1])}' and '{Show(tokens[2][..^1])}' as another key"
                : $"splits values at blanks, reads '{Show(key)}' as '{Show(tokens[1])}' and then stops with 'missing ':' after key '{Show(tokens[2])}''";
        else
            reading = $"reads key '{Show(tokens[0][..^1])}' with value '{Show(tokens[1])}'";
        var fix = value.Length > 0 && !value.Any(IsPerlSpace) ? $"; write '{Show(key)}: {Show(value)}'" : "";
        context.Report(Id, item.Span,
            $"corosync reads '{Show(key)}' as '{Show(value)}', but {PveParser} {reading}{fix}.");
    }

    private static void CheckHeader(SourceFile file, CorosyncSection section, BindContext context)
    {
        var header = section.HeaderSpan;
        if (header.EndLine != header.Line) return;
        var text = file.LineText(header.Line);
        if (!text.TrimEnd(' ', '\t', '\r').EndsWith('{')) return; // corosync refuses this header itself (PVE0001)
        var hash = text.IndexOf('#');
        var tokens = PveTokens(hash >= 0 ? text[..hash] : text);
        var name = section.Name.Value;
        if (tokens.Length == 2 && tokens[0] == name && tokens[1] == "{") return;

        string reading;
        if (tokens.Length == 2 && tokens[1] == "{")
            reading = $"names this section '{Show(tokens[0])}', so it does not find a section '{Show(name)}' there";
        else if (tokens.Length >= 1 && !tokens[0].EndsWith(':'))
            reading = $"needs a blank between the name and '{{' and stops with 'missing ':' after key '{Show(tokens[0])}''";
        else
            reading = $"reads the words '{Show(string.Join(" ", tokens))}' instead of 'name {{'";
        context.Report(Id, header,
            $"corosync opens section '{Show(name)}' here, but {PveParser} {reading}; write '{Show(name)} {{'.");
    }

    /// <summary>Perl's split(/\s/) after collapsing white space: words separated by space, tab, CR, LF, FF or VT.</summary>
    private static string[] PveTokens(string text) =>
        text.Split([' ', '\t', '\r', '\n', '\f', '\v'], StringSplitOptions.RemoveEmptyEntries);

    private static bool IsPerlSpace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\f' or '\v';

    private static string Show(string text) => CorosyncParser.Shorten(text);
}
