using System.Text;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Sources;

namespace PveLint.Rules.Tests.Engine;

/// <summary>
/// Issue 6: a guest config of a million bad lines ran SARIF out of memory, 200 000 HA resources took a minute,
/// 80 000 suppressions took minutes to match. Findings are capped per rule and file and in all, with summaries
/// that keep the count and the severity, and suppressions still see every line they name.
/// </summary>
public class FindingLimitsTests
{
    /// <summary>Reports every line of each etc/pve/test*.cfg that contains 'bad', with the severity its text names.</summary>
    private sealed class BadLineRule : Rule
    {
        public static readonly RuleMetadata Meta = new("PVE0004", "duplicate-key", "test rule", Severity.Warning, RuleCategory.Input, [], "r", "f");

        public override RuleMetadata Metadata => Meta;

        public override IEnumerable<Finding> Check(ClusterModel model)
        {
            foreach (var file in model.Files.Values.Where(f => f.Path.StartsWith("etc/pve/test", StringComparison.Ordinal)))
                for (var line = 1; line <= file.LineCount; line++)
                    if (file.LineText(line).Contains("bad"))
                        yield return Report(file.LineSpan(line), $"'{file.LineText(line)}' is bad") with
                        {
                            Severity = file.LineText(line).Contains("error") ? Severity.Error : Severity.Warning,
                        };
        }
    }

    private static string Lines(int count, Func<int, string> line) =>
        string.Concat(Enumerable.Range(1, count).Select(i => line(i) + "\n"));

    private static LintResult Run(Dictionary<string, string> files) =>
        LintEngine.Run(ClusterBinder.Bind(ConfigTree.FromTexts(files)), null, [new BadLineRule(), .. RuleRegistry.All]);

    [Fact]
    public void A_rule_lists_at_most_500_findings_per_file_then_one_summary_at_the_first_left_out()
    {
        var result = Run(new() { ["etc/pve/test.cfg"] = Lines(1200, i => $"bad {i}") });

        Assert.Equal(501, result.Findings.Length);
        var summary = result.Findings[^1];
        Assert.Equal(("PVE0004", 501, 700), (summary.RuleId, summary.Span!.Value.Line, summary.Omitted));
        Assert.Equal("700 more PVE0004 findings in this file are not shown; the first 500 are.", summary.Message);
        Assert.Equal(700, result.Omitted);
    }

    [Fact]
    public void The_summary_keeps_the_highest_severity_of_what_it_stands_for()
    {
        // Only line 1000 is an error: cut by the cap, it must still fail the run.
        var result = Run(new() { ["etc/pve/test.cfg"] = Lines(1000, i => i == 1000 ? "bad error" : "bad") });
        Assert.Equal(Severity.Error, result.Findings.Single(f => f.Omitted > 0).Severity);
        Assert.Equal(1, result.Count(Severity.Error));
    }

    [Fact]
    public void At_most_10000_findings_in_all_the_most_severe_first_with_a_PVE0010_summary()
    {
        // 30 files of 400 findings: under the per-file cap, 12 000 in all; file 30 holds the only errors.
        var files = Enumerable.Range(1, 30).ToDictionary(
            n => $"etc/pve/test{n:00}.cfg", n => Lines(400, i => n == 30 ? "bad error" : "bad"));
        var result = Run(files);

        Assert.Equal(FindingLimits.Total, result.Findings.Length);
        Assert.Equal(400, result.Count(Severity.Error));
        var summary = Assert.Single(result.Findings, f => f.RuleId == "PVE0010");
        Assert.Null(summary.Span);
        Assert.Equal(2001, summary.Omitted);
        Assert.Equal(Severity.Warning, summary.Severity);
        Assert.Equal("2001 more findings are not shown: a scan lists at most 10000, the most severe first (not shown: PVE0004: 2001).", summary.Message);
    }

    [Fact]
    public void A_parser_cap_and_the_engine_cap_give_one_summary_with_the_whole_count()
    {
        // A guest config of 100 000 bad lines: the parser keeps 500 and says how many more there were.
        var guest = "memory: 512\n" + Lines(100_000, i => $"junk{i}");
        var result = Run(new() { ["etc/pve/nodes/pve1/qemu-server/100.conf"] = guest });

        var syntax = result.Findings.Where(f => f.RuleId == "PVE0001").ToList();
        Assert.Equal(501, syntax.Count);
        Assert.Equal("99500 more PVE0001 findings in this file are not shown; the first 500 are.", syntax[^1].Message);
        Assert.Equal(502, syntax[^1].Span!.Value.Line);
        Assert.Equal(99_500, result.Omitted);
    }

    [Fact]
    public void Lines_named_by_suppression_comments_are_never_cut_so_every_comment_finds_its_finding()
    {
        // 3000 suppressed bad lines in a guest config: the parser's cap must not leave comments without a finding.
        var guest = new StringBuilder("memory: 512\n");
        for (var i = 0; i < 3000; i++) guest.Append("# pvelint-disable-next-line PVE0001 -- generated\njunk\n");
        var result = Run(new() { ["etc/pve/nodes/pve1/qemu-server/100.conf"] = guest.ToString() });

        Assert.Empty(result.Findings);
        Assert.Equal(3000, result.Suppressed);
    }

    [Fact]
    public void A_file_level_suppression_silences_the_summary_with_everything_it_stands_for()
    {
        var guest = "# pvelint-disable-file PVE0001 -- imported junk\nmemory: 512\n" + Lines(2000, i => $"junk{i}");
        var result = Run(new() { ["etc/pve/nodes/pve1/qemu-server/100.conf"] = guest });

        Assert.Empty(result.Findings);
        Assert.Equal(2000, result.Suppressed);
    }

    [Fact]
    public void Eighty_thousand_suppressions_match_their_findings_by_index()
    {
        // Quadratic matching took 36-71 s on this; stacked comments point at the first line below them all.
        var test = new StringBuilder();
        for (var i = 0; i < 40_000; i++) test.Append("# pvelint-disable-next-line PVE0004 -- a\n# pvelint-disable-next-line duplicate-key -- b\nbad\n");
        var result = Run(new() { ["etc/pve/test.cfg"] = test.ToString() });

        Assert.Empty(result.Findings);
        Assert.Equal(40_000, result.Suppressed);
    }
}
