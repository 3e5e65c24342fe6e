namespace PveLint.Cli.Reporting.RuleList;

/// <summary><c>pvelint rules --format markdown</c>: one GitHub-flavoured table, each id linked to its page.</summary>
public static class RuleListMarkdownWriter
{
    public static void Write(IReadOnlyList<RuleListEntry> entries, TextWriter output)
    {
        output.WriteLine("| id | name | severity | category | status | summary |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var e in entries)
            output.WriteLine($"| [{e.Id}]({e.HelpUri}) | {MarkdownText.Code(e.Name)} | {e.Severity} | {e.Category} | {e.Status} | {MarkdownText.Inline(e.Summary)} |");
        output.WriteLine();
        output.WriteLine($"{ScanReport.Plural(entries.Count, "rule")}: {entries.Count(e => e.Status == "implemented")} implemented.");
    }
}
