using Linter.Cli.Tests.Support;

namespace Linter.Cli.Tests.Commands;

/// <summary>--select / --ignore and select: / ignore: of .pvelint.yaml, on the pinned cluster (PVE0010, PVE9001, PVE9002, PVE9004).</summary>
public sealed class RuleSelectionTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private CliRun Scan(params string[] args) => CliRunner.Run(CliRunner.Pinned(), ["scan", PinnedCluster.Write(_tree), .. args]);

    /// <summary>The rule ids of the finding lines, in report order.</summary>
    private static string[] Reported(CliRun run) =>
        run.OutputLines.Where(l => l.StartsWith("etc/", StringComparison.Ordinal)).Select(l => l.Split(' ')[2].TrimEnd(':')).ToArray();

    [Theory]
    [InlineData(new[] { "--select", "PVE9" }, new[] { "PVE9002", "PVE9004", "PVE9001" })]
    [InlineData(new[] { "--select", "pve0010,PVE9004" }, new[] { "PVE0010", "PVE9004" })]
    [InlineData(new[] { "--select", "PVE0010", "--select", "suppression-without-reason" }, new[] { "PVE0010", "PVE9004" })]
    [InlineData(new[] { "--ignore", "PVE90" }, new[] { "PVE0010" })]
    [InlineData(new[] { "--ignore", "unused-suppression, PVE0010" }, new[] { "PVE9002", "PVE9004" })]
    [InlineData(new[] { "--select", "PVE9", "--ignore", "PVE9001" }, new[] { "PVE9002", "PVE9004" })]
    [InlineData(new[] { "--select", "PVE" }, new[] { "PVE0010", "PVE9002", "PVE9004", "PVE9001" })]
    public void Select_and_ignore_take_ids_names_and_prefixes(string[] options, string[] expected)
    {
        var run = Scan(options);

        Assert.Equal(expected, Reported(run));
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Ignore_wins_over_select_and_what_is_left_out_does_not_fail_the_run()
    {
        var run = Scan("--select", "PVE0010,PVE9002", "--ignore", "PVE0");

        Assert.Equal(["PVE9002"], Reported(run));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("pvelint: 0 errors, 1 warning, 0 info in 1 cluster (3 files).", run.OutputLines[^1]);
    }

    [Fact]
    public void Selecting_nothing_that_fires_is_a_clean_run()
    {
        var run = Scan("--ignore", "PVE0010", "--select", "PVE0010");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["pvelint: no findings in 1 cluster (3 files)."], run.OutputLines);
    }

    [Fact]
    public void A_suppression_of_an_ignored_rule_still_counts_as_used()
    {
        _tree.Write("etc/pve/corosync.conf", "totem {\n}\n");
        _tree.Write("etc/pve/datacenter.cfg", "# pvelint-disable-next-line PVE0002 -- kept for a tool of ours\nno-such-key: 1\n");

        var suppressed = CliRunner.Run("scan", _tree.Root, "--no-simulate", "--select", "PVE0002,PVE9001");
        var ignored = CliRunner.Run("scan", _tree.Root, "--no-simulate", "--select", "PVE9001", "--ignore", "PVE0002");

        Assert.DoesNotContain(suppressed.OutputLines, l => l.Contains("PVE0002") || l.Contains("PVE9001"));
        Assert.Equal(["pvelint: no findings in 1 cluster (2 files); 1 suppressed."], ignored.OutputLines);
    }

    [Theory]
    [InlineData("--select", "PVE2O03", "--select PVE2O03: not a rule id, name or id prefix (did you mean PVE2003?); 'pvelint rules' lists them.")]
    [InlineData("--ignore", "unused-supression", "--ignore unused-supression: not a rule id, name or id prefix (did you mean unused-suppression?); 'pvelint rules' lists them.")]
    [InlineData("--select", "PVE0010,E501", "--select E501: not a rule id, name or id prefix; 'pvelint rules' lists them.")]
    [InlineData("--ignore", "PVE99", "--ignore PVE99: not a rule id, name or id prefix; 'pvelint rules' lists them.")]
    public void An_unknown_entry_is_a_usage_error_with_a_suggestion(string option, string value, string message)
    {
        var run = Scan(option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Equal($"pvelint: error: {message}\nRun 'pvelint scan --help' for usage.\n", run.Error);
    }

    [Fact]
    public void Select_and_ignore_in_the_config_file_apply_and_the_command_line_select_replaces_the_file_select()
    {
        _tree.Write(".pvelint.yaml", "select: [PVE9]\nignore: [unused-suppression]\n");

        Assert.Equal(["PVE9002", "PVE9004"], Reported(Scan()));
        Assert.Equal(["PVE0010"], Reported(Scan("--select", "PVE0")));
        Assert.Equal(["PVE9002"], Reported(Scan("--ignore", "PVE9004")));
    }

    [Fact]
    public void An_unknown_entry_in_the_config_file_is_PVE9002_at_its_line_and_selects_nothing_away()
    {
        _tree.Write(".pvelint.yaml", "select:\n  - PVE9O02\nignore: [PVE0010]\n");

        var run = Scan();

        Assert.Equal(["PVE9002", "PVE9004", "PVE9001"], Reported(run));
        Assert.Contains(".pvelint.yaml(2,5): warning PVE9002: 'PVE9O02' under 'select:' is not a pvelint rule id, name or id prefix; the entry has no effect (did you mean PVE9002?) [unknown-rule-id]", run.OutputLines);
    }
}
