using System.CommandLine;
using PveLint.Cli.Reporting;
using PveLint.Rules.Engine;

namespace PveLint.Cli.Commands;

/// <summary><c>pvelint rules</c>: every rule as a table of id, name, default severity and title.</summary>
public static class RulesCommand
{
    public static Command Create(CliEnvironment environment, TextWriter output)
    {
        var command = new Command("rules", "List every rule: id, name, default severity and title. 'pvelint explain ID' shows one rule in full.");
        command.SetAction(_ =>
        {
            Write(environment.Rules.Select(r => r.Metadata).ToList(), output);
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
