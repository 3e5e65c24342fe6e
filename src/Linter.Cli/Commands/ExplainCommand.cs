using System.CommandLine;
using PveLint.Cli.Reporting;
using PveLint.Rules.Engine;
using PveLint.Text;

namespace PveLint.Cli.Commands;

/// <summary>
/// <c>pvelint explain ID|NAME</c>: the rule's page from rules-docs/ (embedded in PveLint.Rules as
/// <c>PveLint.Rules.Docs.&lt;ID&gt;.md</c>) rendered for a terminal, else a page built from the rule's metadata;
/// for a catalogued id without a rule in this build (planned, analyzer only), what it is and that it does not run.
/// </summary>
public static class ExplainCommand
{
    public static Command Create(TextWriter output)
    {
        var rule = new Argument<string>("ID|NAME") { Description = "A rule id (PVE2003) or name (negative-affinity-exceeds-nodes), case-insensitive." };
        var command = new Command("explain", "Print the full documentation of one rule: what it detects, why it matters, how to fix and how to suppress it.") { rule };
        command.SetAction(parse =>
        {
            var key = parse.GetValue(rule)!.Trim();
            if (RuleRegistry.Find(key) is { } meta) output.Write(Page(meta));
            else if (RuleCatalogue.Rows.FirstOrDefault(r => r.Id.Equals(key, StringComparison.OrdinalIgnoreCase) || r.Name.Equals(key, StringComparison.OrdinalIgnoreCase)) is { } row)
                output.Write(TerminalRuleDoc.CatalogueOnly(row));
            else throw new UsageException($"'{key}' is not a rule id or name{Suggestion(key)}; 'pvelint rules' lists them all");
            return ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>The embedded rules-docs page rendered for a terminal, or the metadata page when the docs are not embedded.</summary>
    public static string Page(RuleMetadata rule) => RuleDocs.Page(rule.Id) is { } page ? TerminalRuleDoc.Render(page) : MetadataPage(rule);

    public static string MetadataPage(RuleMetadata rule) =>
        $"""
         {rule.Id} {rule.Name}: {rule.Title}

         Default severity: {SeverityNames.Text(rule.DefaultSeverity)}
         Category:         {rule.Category}
         Tags:             {(rule.Tags.IsEmpty ? "-" : string.Join(", ", rule.Tags))}

         Why it matters
           {rule.Rationale}

         How to fix
           {rule.HowToFix}

         How to suppress
           On the line above the finding:  # pvelint-disable-next-line {rule.Id} -- <reason>
           For a whole file:               # pvelint-disable-file {rule.Id} -- <reason>
           For the project, in .pvelint.yaml:  rules: {"{"} {rule.Id}: off {"}"}

         Documentation: {rule.HelpUri}

         """;

    private static string Suggestion(string key) =>
        EditDistance.Closest(key.Trim(), RuleRegistry.Metadata.SelectMany(m => new[] { m.Id, m.Name })) is { } near ? $" (did you mean {near}?)" : "";
}
