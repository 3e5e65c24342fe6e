using System.Text;
using System.Text.RegularExpressions;
using PveLint.Rules.Engine;

namespace PveLint.Cli.Reporting;

/// <summary>
/// A rules-docs page made for reading in a terminal (<c>pvelint explain</c>): HTML comments go, the metadata table
/// becomes aligned "Key: value" lines, and what is written for contributors (the fixtures paragraph, the
/// References section pointing into the project's reference notes) is left out. The rest stays Markdown, which
/// reads well as plain text. Catalogued ids without a rule in this build get a short page saying so.
/// </summary>
public static partial class TerminalRuleDoc
{
    public static string Render(string page)
    {
        var text = HtmlComment().Replace(page.ReplaceLineEndings("\n"), "");
        var lines = new List<string>();
        var table = new List<(string Key, string Value)>();
        var skippingSection = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal)) skippingSection = ContributorSections.Contains(line[3..].Trim());
            if (skippingSection) continue;
            if (line.StartsWith("The fixtures `tests/fixtures/", StringComparison.Ordinal)) continue;
            if (TableRow().Match(line) is { Success: true } row)
            {
                if (row.Groups["key"].Value.Trim() is { Length: > 0 } key && !key.StartsWith("---", StringComparison.Ordinal))
                    table.Add((key, row.Groups["value"].Value.Trim()));
                continue;
            }
            FlushTable(table, lines);
            lines.Add(line.TrimEnd());
        }
        FlushTable(table, lines);

        var sb = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            blank = line.Length == 0 ? blank + 1 : 0;
            if (blank < 2) sb.Append(line).Append('\n');
        }
        return sb.ToString().Trim('\n') + "\n";
    }

    /// <summary>The page of a catalogued id that has no rule here: planned (reserved, not run yet) or reported by the analyzer only.</summary>
    public static string CatalogueOnly(CatalogueRow row)
    {
        var status = row.Status == "planned"
            ? "planned: the id is reserved, but this build does not run the rule yet (suppressions and rules: entries naming it are accepted)"
            : row.Status == "analyzer only"
                ? "analyzer only: reported by the Roslyn analyzer (PveLint.MSBuild) inside a build, never by the pvelint command"
                : row.Status;
        return $"""
                # {row.Id}: {row.Name}

                {row.Detects}

                Status:   {status}
                Severity: {row.Severity}
                Online:   {RuleMetadata.HelpBaseUri}{row.Id}.md

                """;
    }

    private static readonly HashSet<string> ContributorSections = new(StringComparer.OrdinalIgnoreCase) { "References" };

    private static void FlushTable(List<(string Key, string Value)> table, List<string> lines)
    {
        if (table.Count == 0) return;
        var width = table.Max(r => r.Key.Length) + 1;
        foreach (var (key, value) in table) lines.Add($"{(key + ":").PadRight(width)} {value}");
        table.Clear();
    }

    [GeneratedRegex(@"<!--.*?-->\n?", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"^\|(?<key>[^|]*)\|(?<value>.*)\|\s*$")]
    private static partial Regex TableRow();
}
