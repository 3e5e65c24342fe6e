using System.CommandLine;
using PveLint.Cli.Reporting;
using PveLint.Cli.Reporting.RuleList;
using PveLint.Rules.Engine;

namespace PveLint.Cli.Commands;

/// <summary>
/// <c>pvelint rules</c>: every rule as a table of id, name, default severity and title; <c>--format json</c> and
/// <c>markdown</c> list the whole catalogue with each id's status (implemented, planned, analyzer-only).
/// </summary>
public static class RulesCommand
{
    private static readonly string[] Formats = ["text", "json", "markdown"];

    public static Command Create(CliEnvironment environment, TextWriter output)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "text (a table of the rules this build runs), json (an array of {id, name, severity, category, status, summary, helpUri} for every catalogued id) or markdown (the same as a table).",
            HelpName = "text|json|markdown",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var command = new Command("rules", "List every rule: id, name, default severity and title. 'pvelint explain ID' shows one rule in full.") { format };
        command.SetAction(parse =>
        {
            var rules = environment.Rules.Select(r => r.Metadata).ToList();
            switch (parse.GetValue(format))
            {
                case "json": RuleListJsonWriter.Write(RuleListEntry.From(rules), output); break;
                case "markdown": RuleListMarkdownWriter.Write(RuleListEntry.From(rules), output); break;
                default: Write(rules, output); break;
            }
            return ExitCodes.Clean;
        });
        return command;
    }

    public static void Write(IReadOnlyList<RuleMetadata> rules, TextWriter output)
    {
        var nameWidth = Math.Max("NAME".Length, rules.Select(r => r.Name.Length).DefaultIfEmpty(0).Max());
        var idWidth = Math.Max("ID".Length, rules.Select(r => r.Id.Length).DefaultIfEmpty(0).Max());
        const int severityWidth = 8;
        output.WriteLine($"{"ID".PadRight(idWidth)}  {"NAME".PadRight(nameWidth)}  {"SEVERITY".PadRight(severityWidth)}  TITLE");
        foreach (var rule in rules)
            output.WriteLine($"{rule.Id.PadRight(idWidth)}  {rule.Name.PadRight(nameWidth)}  {SeverityNames.Text(rule.DefaultSeverity).PadRight(severityWidth)}  {rule.Title}");
        output.WriteLine($"{ScanReport.Plural(rules.Count, "rule")}.");
    }
}
