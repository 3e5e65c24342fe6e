using System.Collections.Immutable;
using PveLint.Cli;
using PveLint.Cli.Commands;
using PveLint.Cli.Sources;
using PveLint.Rules.Engine;

namespace Linter.Cli.Tests.Support;

/// <summary>What one in-process run of the CLI printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

internal static class CliRunner
{
    /// <summary>
    /// The rules whose findings the golden tests pin: they fire on suppression comments and unreadable files only,
    /// so the goldens stay the same while the parser and rule teams add findings elsewhere.
    /// </summary>
    public static readonly ImmutableArray<string> PinnedRuleIds = ["PVE0010", "PVE9001", "PVE9002", "PVE9004"];

    public static CliEnvironment Pinned(SourceLimits? limits = null) => new(
        RuleRegistry.All.Where(r => PinnedRuleIds.Contains(r.Metadata.Id)).ToImmutableArray(),
        limits ?? SourceLimits.Default,
        "0.1.0-test");

    public static CliRun Run(params string[] args) => Run(CliEnvironment.Default, args);

    public static CliRun Run(CliEnvironment environment, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exit = global::PveLint.Cli.Cli.Run(args, output, error, environment);
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
