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

    /// <param name="deathReported">A repeated-section finding already says where PVE's parser dies.</param>
    public static void Check(CorosyncDocument document, PveCorosyncReading reading, bool deathReported, BindContext context)
    {
        var deathLines = new HashSet<int>(); // lines whose finding already says PVE's parser stops there
        foreach (var node in document.DescendantNodes())
        {
            var predictsDeath = node switch
            {
                CorosyncItem item => CheckItem(document.File, item, context),
                CorosyncSection { Name.Value.Length: > 0 } section => CheckHeader(document.File, section, context),
                _ => false,
            };
            if (predictsDeath) deathLines.Add(node.Span.Line);
        }
        CheckWholeFile(document.File, reading, deathReported || (reading.DeathAt is { } at && deathLines.Contains(at.Line)), context);
    }

    /// <summary>
    /// Where PVE's parser dies (unless a line above already said so for that line) and the node and interface blocks
    /// it drops because a later block has the same key (<see cref="PveCorosyncReading"/>).
    /// </summary>
    private static void CheckWholeFile(SourceFile file, PveCorosyncReading reading, bool deathReported, BindContext context)
    {
        if (reading.DeathAt is { } at)
        {
            if (deathReported) return;
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

    /// <returns>Whether the finding says PVE's parser stops on this line.</returns>
    private static bool CheckItem(SourceFile file, CorosyncItem item, BindContext context)
    {
        if (item.Span.EndLine != item.Span.Line) return false; // lone '\r' inside a line: not worth a guess
        var line = file.LineText(item.Span.Line);
        var key = item.Key.Value;
        var value = item.Value.Value;
        var hash = line.IndexOf('#');
        var tokens = PveTokens(line);
        var pveReadsSame = tokens.Length == 2 && tokens[0] == key + ":" && tokens[1] == value;
        if (pveReadsSame) return false;

        var valueColumn0 = item.Value.Span.Column - 1;
        if (hash >= 0 && hash >= valueColumn0 && value.Length > 0)
        {
            var comment = line[hash..].TrimEnd(' ', '\t');
            var pveValue = tokens.Length >= 2 && tokens[0] == key + ":" ? $"'{Show(tokens[1])}'" : "something else";
            context.Report(CommentId, file.SpanOnLine(item.Span.Line, hash + 1, comment.Length),
                $"corosync has no inline comments, so it reads '{Show(key)}' as '{Show(value)}', while {PveParser} drops '{Show(comment)}' and reads {pveValue}; put the comment on its own line.");
            return false;
        }

        string reading;
        var stops = false;
        if (tokens.Length == 0 || !tokens[0].EndsWith(':'))
            (reading, stops) = ($"stops with 'missing ':' after key '{Show(tokens.FirstOrDefault() ?? key)}''", true);
        else if (tokens.Length == 1)
            reading = $"has no empty values and takes the next word of the file as the value of '{Show(tokens[0][..^1])}'";
        else if (tokens.Length > 2)
            (reading, stops) = tokens[2].EndsWith(':')
                ? ($"splits values at blanks, reads '{Show(key)}' as '{Show(tokens[1])}' and '{Show(tokens[2][..^1])}' as another key", false)
                : ($"splits values at blanks, reads '{Show(key)}' as '{Show(tokens[1])}' and then stops with 'missing ':' after key '{Show(tokens[2])}''", true);
        else
            reading = $"reads key '{Show(tokens[0][..^1])}' with value '{Show(tokens[1])}'";
        var fix = value.Length > 0 && !value.Any(PerlText.IsSpace) ? $"; write '{Show(key)}: {Show(value)}'" : "";
        context.Report(Id, item.Span,
            $"corosync reads '{Show(key)}' as '{Show(value)}', but {PveParser} {reading}{fix}.");
        return stops;
    }

    /// <returns>Whether the finding says PVE's parser stops on this line.</returns>
    private static bool CheckHeader(SourceFile file, CorosyncSection section, BindContext context)
    {
        var header = section.HeaderSpan;
        if (header.EndLine != header.Line) return false;
        var text = file.LineText(header.Line);
        if (!text.TrimEnd(' ', '\t', '\r').EndsWith('{')) return false; // corosync refuses this header itself (PVE0001)
        var tokens = PveTokens(text);
        var name = section.Name.Value;
        if (tokens.Length == 2 && tokens[0] == name && tokens[1] == "{") return false;

        string reading;
        var stops = false;
        if (tokens.Length == 2 && tokens[1] == "{")
            reading = $"names this section '{Show(tokens[0])}', so it does not find a section '{Show(name)}' there";
        else if (tokens.Length >= 1 && !tokens[0].EndsWith(':'))
            (reading, stops) = ($"needs a blank between the name and '{{' and stops with 'missing ':' after key '{Show(tokens[0])}''", true);
        else
            reading = $"reads the words '{Show(string.Join(" ", tokens))}' instead of 'name {{'";
        context.Report(Id, header,
            $"corosync opens section '{Show(name)}' here, but {PveParser} {reading}; write '{Show(name)} {{'.");
        return stops;
    }

    /// <summary>The words PVE's parser sees on a line (<see cref="PveCorosyncReading.WordsOfLine"/>).</summary>
    private static string[] PveTokens(string line) => [.. PveCorosyncReading.WordsOfLine(line, 0).Select(w => w.Text)];

    private static string Show(string text) => CorosyncParser.Shorten(text);
}
