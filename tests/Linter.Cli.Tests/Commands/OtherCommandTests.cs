using Linter.Cli.Tests.Support;
using PveLint.Cli.Commands;
using PveLint.Rules.Engine;

namespace Linter.Cli.Tests.Commands;

public sealed class OtherCommandTests
{
    [Fact]
    public void Rules_lists_every_rule_with_id_name_severity_and_title()
    {
        var run = CliRunner.Run("rules");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^ID +NAME +SEVERITY +TITLE$", run.OutputLines[0]);
        Assert.Equal($"{RuleRegistry.All.Length} rules.", run.OutputLines[^1]);
        foreach (var meta in RuleRegistry.Metadata)
            Assert.Contains(run.OutputLines, l => l.StartsWith(meta.Id + " ", StringComparison.Ordinal) && l.Contains($" {meta.Name} ") && l.EndsWith("  " + meta.Title, StringComparison.Ordinal));
        Assert.Matches(@"^PVE0010 +unreadable-input +error +A file that cannot be read as text$", run.OutputLines.Single(l => l.StartsWith("PVE0010", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("PVE9002")]
    [InlineData("pve9002")]
    [InlineData("unknown-rule-id")]
    public void Explain_prints_the_rule_page_by_id_or_name(string key)
    {
        var run = CliRunner.Run("explain", key);

        Assert.Equal(0, run.ExitCode);
        var meta = RuleRegistry.Find("PVE9002")!;
        Assert.Equal(ExplainCommand.Page(meta), run.Output);
        Assert.Contains("PVE9002", run.Output);
        Assert.Contains(meta.HelpUri, run.Output);
    }

    public static TheoryData<string> RuleIds() => new(RuleRegistry.All.Select(r => r.Metadata.Id));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Explain_shows_the_page_of_every_rule(string id)
    {
        var run = CliRunner.Run("explain", id);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"# {id}", run.Output.TrimStart());
        Assert.Contains(RuleRegistry.Find(id)!.Title, run.Output);
    }

    [Fact]
    public void Without_embedded_docs_the_page_is_built_from_the_metadata()
    {
        var meta = RuleRegistry.Find("PVE0010")!;
        var page = ExplainCommand.MetadataPage(meta);

        Assert.StartsWith("PVE0010 unreadable-input: A file that cannot be read as text\n\nDefault severity: error\n", page);
        Assert.Contains("Why it matters\n  " + meta.Rationale + "\n", page);
        Assert.Contains("How to fix\n  " + meta.HowToFix + "\n", page);
        Assert.Contains("# pvelint-disable-next-line PVE0010 -- <reason>", page);
        Assert.EndsWith("Documentation: " + meta.HelpUri + "\n", page);
    }

    [Fact]
    public void Explain_of_an_unknown_rule_suggests_the_nearest_one_and_exits_2()
    {
        var run = CliRunner.Run("explain", "PVE901");

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"^pvelint: error: 'PVE901' is not a rule id or name \(did you mean PVE90\d\d\?\); 'pvelint rules' lists them all\n$", run.Error);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    public void A_missing_or_unknown_command_is_a_usage_error(params string[] args)
    {
        var run = CliRunner.Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("pvelint: error: ", run.Error);
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        var run = CliRunner.Run("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "scan", "rules", "explain", "simulate", "init", "migrate-groups" })
            Assert.Contains("  " + command + " ", run.Output);
    }

    [Fact]
    public void Scan_help_describes_every_option_with_its_values_and_defaults()
    {
        var run = CliRunner.Run("scan", "--help");

        Assert.Equal(0, run.ExitCode);
        var help = run.Output;
        Assert.Contains("--format <text|sarif|json|github|markdown>", help);
        Assert.Contains("--fail-on <error|warning|info|none>", help);
        Assert.Contains("[default: error]", help);
        Assert.Contains("--target <pve-9.0|pve-9.1|pve-9.2>", help);
        Assert.Contains("Default: pve-9.1", help);
        foreach (var option in new[] { "--output <FILE>", "--config <FILE>", "--baseline <FILE>", "--write-baseline <FILE>", "--no-simulate", "--max-failures <N>", "--repo-root <DIR>" })
            Assert.Contains(option, help);
        Assert.Contains("Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage error or unreadable input", help);
    }

    [Fact]
    public void Version_is_the_plain_tool_version()
    {
        var run = CliRunner.Run("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+\n$", run.Output);
    }
}
