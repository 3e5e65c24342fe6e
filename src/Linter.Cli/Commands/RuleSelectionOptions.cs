using System.Collections.Immutable;
using System.CommandLine;
using PveLint.Rules.Engine;

namespace PveLint.Cli.Commands;

/// <summary>
/// <c>--select</c> and <c>--ignore</c>: repeatable, each value a comma-separated list of rule ids, names or id
/// prefixes. An entry that matches no catalogued rule is a usage error (exit 2) with the nearest spelling.
/// </summary>
internal static class RuleSelectionOptions
{
    public static Option<string[]> Create(string name, string description)
    {
        var option = new Option<string[]>(name)
        {
            Description = description,
            HelpName = "RULES",
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(result =>
        {
            foreach (var entry in Split(result.Tokens.Select(t => t.Value)))
                if (!RuleSelection.IsKnown(entry))
                    result.AddError($"{name} {entry}: not a rule id, name or id prefix{RuleSelection.DidYouMean(entry)}; 'pvelint rules' lists them.");
        });
        return option;
    }

    public static ImmutableArray<string> Values(ParseResult parse, Option<string[]> option) =>
        Split(parse.GetValue(option) ?? []).ToImmutableArray();

    private static IEnumerable<string> Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
