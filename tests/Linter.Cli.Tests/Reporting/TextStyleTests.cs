using Linter.Cli.Tests.Support;
using PveLint.Cli.Reporting;
using PveLint.Text;

namespace Linter.Cli.Tests.Reporting;

/// <summary>Colour (--color, NO_COLOR), source snippets (--snippets/--no-snippets) and the per-rule counts of the text format.</summary>
public sealed class TextStyleTests : IDisposable
{
    private const string Esc = "\u001b[";

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static readonly string[] SnippetOfPve9002 =
    [
        "    1 | # pvelint-disable-next-line PVE9999 -- checking an id that does not exist",
        "      |                             ^^^^^^^",
    ];

    private CliRun Scan(bool terminal, bool noColor, params string[] args) =>
        CliRunner.Run(CliRunner.Pinned() with { OutputIsTerminal = terminal, NoColor = noColor }, ["scan", PinnedCluster.Write(_tree), .. args]);

    [Fact]
    public void Redirected_output_is_plain_without_snippets_by_default()
    {
        var run = Scan(terminal: false, noColor: false);

        Assert.Equal(PinnedCluster.TextReport, run.OutputLines);
    }

    [Fact]
    public void A_terminal_gets_colour_and_a_caret_under_each_span()
    {
        var run = Scan(terminal: true, noColor: false);

        var plain = run.OutputLines.Select(Uncolored).ToArray();
        var at = Array.IndexOf(plain, "etc/pve/user.cfg(1,29): warning PVE9002: 'PVE9999' in a suppression comment is not a pvelint rule id or name [unknown-rule-id]");
        Assert.Equal(SnippetOfPve9002, plain[(at + 1)..(at + 3)]);
        Assert.Equal("\u001b[1metc/pve/user.cfg(1,29)\u001b[0m: \u001b[1;33mwarning\u001b[0m PVE9002: 'PVE9999' in a suppression comment is not a pvelint rule id or name \u001b[2m[unknown-rule-id]\u001b[0m", run.OutputLines[at]);
        Assert.Equal("      |                             \u001b[1;33m^^^^^^^\u001b[0m", run.OutputLines[at + 2]);
        Assert.Equal("    1  \u001b[1;31mPVE0010\u001b[0m  unreadable-input", run.OutputLines[^5]);
        Assert.Equal("\u001b[1mpvelint: 1 error, 3 warnings, 0 info in 1 cluster (3 files).\u001b[0m", run.OutputLines[^1]);
        // The file that is not UTF-8 is read byte-wise as PVE reads it: its finding shows the line, the byte as its Latin-1 character.
        Assert.Equal("    2 | abc\u00ff", plain[1]);
    }

    [Fact]
    public void NO_COLOR_keeps_a_terminal_plain_but_still_shows_snippets()
    {
        var run = Scan(terminal: true, noColor: true);

        Assert.DoesNotContain(Esc, run.Output, StringComparison.Ordinal);
        Assert.Contains(SnippetOfPve9002[1], run.OutputLines);
    }

    [Theory]
    [InlineData(true, true, "--color", "never")]
    [InlineData(true, false, "--color", "never")]
    public void Color_never_is_plain_everywhere(bool terminal, bool noColor, params string[] args)
    {
        Assert.DoesNotContain(Esc, Scan(terminal, noColor, args).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Color_always_colours_a_pipe_and_wins_over_NO_COLOR()
    {
        var run = Scan(terminal: false, noColor: true, "--color", "always");

        Assert.Contains(Esc, run.Output, StringComparison.Ordinal);
        Assert.Equal(PinnedCluster.TextReport, run.OutputLines.Select(Uncolored));
    }

    [Fact]
    public void No_snippets_turns_them_off_on_a_terminal_and_snippets_turns_them_on_in_a_pipe()
    {
        Assert.Equal(PinnedCluster.TextReport, Scan(terminal: true, noColor: true, "--no-snippets").OutputLines);

        var forced = Scan(terminal: false, noColor: false, "--snippets");
        Assert.Contains(SnippetOfPve9002[0], forced.OutputLines);
        Assert.DoesNotContain(Esc, forced.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_output_is_plain_even_when_standard_output_is_a_terminal()
    {
        var file = _tree.PathOf("report.txt");

        var run = Scan(terminal: true, noColor: false, "--format", "text", "--output", file);

        Assert.Equal(0, run.Output.Length);
        Assert.Equal(string.Join("\n", PinnedCluster.TextReport) + "\n", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("--color", "sometimes")]
    [InlineData("--snippets", "--no-snippets")]
    public void Bad_style_options_are_usage_errors(params string[] args)
    {
        var run = Scan(terminal: true, noColor: false, args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("pvelint: error: ", run.Error);
    }

    [PseudoTerminalFact]
    public void The_real_program_colours_a_pseudo_terminal_and_not_a_pipe()
    {
        var root = PinnedCluster.Write(_tree);
        var command = PvelintProcess.Command($"scan {PvelintProcess.Quote(root)}");
        var environment = new Dictionary<string, string> { ["NO_COLOR"] = "" };

        var piped = PvelintProcess.Shell(command, environment);
        var terminal = PvelintProcess.Shell($"script -qec {PvelintProcess.Quote(command)} /dev/null", environment);

        Assert.Equal(1, piped.ExitCode);
        Assert.DoesNotContain(Esc, piped.Output, StringComparison.Ordinal);
        Assert.Equal(1, terminal.ExitCode);
        Assert.Contains("\u001b[1;31merror\u001b[0m", terminal.Output, StringComparison.Ordinal);
        Assert.Contains(SnippetOfPve9002[1], terminal.Output.ReplaceLineEndings("\n").Split('\n').Select(Uncolored));
    }

    [Fact]
    public void A_snippet_keeps_tabs_before_the_span_and_escapes_control_characters()
    {
        var file = new SourceFile("etc/pve/ha/rules.cfg", "node-affinity: a\n\tnodes pve\u001b9\n");

        var snippet = SourceSnippet.For(file, SourceSpan.OnLine(file.Path, 2, 8, 5))!.Value;

        Assert.Equal(@"    2 | 	nodes pve\x1B9", snippet.Source);
        Assert.Equal("      | \t      ", snippet.CaretIndent);
        Assert.Equal("^^^^^^^^", snippet.Carets); // pve\x1B9: the escape is as wide as it prints
    }

    [Fact]
    public void A_snippet_of_a_very_long_line_is_a_window_around_the_span()
    {
        var line = new string('a', 5000) + "TARGET" + new string('b', 5000);
        var file = new SourceFile("x.cfg", line + "\n");

        var snippet = SourceSnippet.For(file, SourceSpan.OnLine(file.Path, 1, 5001, 6))!.Value;

        Assert.True(snippet.Source.Length < SourceSnippet.MaxWidth + 12, snippet.Source);
        Assert.StartsWith("    1 | …aaa", snippet.Source);
        Assert.EndsWith("bbb…", snippet.Source);
        Assert.Equal(snippet.Source.IndexOf("TARGET", StringComparison.Ordinal), (snippet.CaretIndent + snippet.Carets).IndexOf('^'));
        Assert.Equal("^^^^^^", snippet.Carets);
    }

    [Fact]
    public void Whole_file_spans_and_lines_past_the_end_have_no_snippet()
    {
        var file = new SourceFile("x.cfg", "one\n");

        Assert.Null(SourceSnippet.For(file, SourceSpan.WholeFile(file.Path)));
        Assert.Null(SourceSnippet.For(file, SourceSpan.OnLine(file.Path, 7, 1, 1)));
    }

    private static string Uncolored(string line) => System.Text.RegularExpressions.Regex.Replace(line, "\u001b\\[[0-9;]*m", "");
}
