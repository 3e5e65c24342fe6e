using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Sources;
using PveLint.Text;

namespace PveLint.Rules.Tests.Engine;

public class LintEngineTests
{
    /// <summary>Reports every line of etc/pve/test.cfg that contains 'bad', so tests control the findings exactly.</summary>
    private sealed class BadLineRule : Rule
    {
        public static readonly RuleMetadata Meta = new("PVE0004", "duplicate-key", "test rule", Severity.Warning, RuleCategory.Input, [], "r", "f");

        public override RuleMetadata Metadata => Meta;

        public override IEnumerable<Finding> Check(ClusterModel model)
        {
            if (!model.Files.TryGetValue("etc/pve/test.cfg", out var file)) yield break;
            for (var line = 1; line <= file.LineCount; line++)
                if (file.LineText(line).Contains("bad"))
                    yield return Report(file.LineSpan(line), $"'{file.LineText(line)}' is bad");
        }
    }

    private static ClusterModel Model(string testCfg, string? yaml = null)
    {
        var files = new Dictionary<string, string> { ["etc/pve/test.cfg"] = testCfg };
        if (yaml is not null) files[".pvelint.yaml"] = yaml;
        return ClusterBinder.Bind(ConfigTree.FromTexts(files));
    }

    private static ImmutableArray<Finding> Run(ClusterModel model, Baseline? baseline = null) =>
        LintEngine.Run(model, baseline, [new BadLineRule(), .. RuleRegistry.All.Where(r => r.Metadata.Id.StartsWith("PVE9"))]).Findings;

    private static string[] Lines(IEnumerable<Finding> findings) =>
        findings.Select(f => $"{f.RuleId} {f.Severity} {f.Span?.Line}:{f.Span?.Column} {f.Message}").ToArray();

    [Fact]
    public void Next_line_suppression_silences_the_finding_below_it_only()
    {
        var result = LintEngine.Run(Model("# pvelint-disable-next-line PVE0004 -- known\nbad one\nbad two\n"), null, [new BadLineRule()]);
        Assert.Equal(["PVE0004 Warning 3:1 'bad two' is bad"], Lines(result.Findings));
        Assert.Equal(1, result.Suppressed);
    }

    [Fact]
    public void Suppression_by_rule_name_and_stacked_comments_apply_to_the_first_code_line()
    {
        var findings = Run(Model("# pvelint-disable-next-line duplicate-key -- known\n# pvelint-disable-next-line PVE0004 -- second\nbad\n"));
        Assert.Empty(findings);
    }

    [Fact]
    public void File_suppression_silences_every_finding_of_the_rule_in_the_file()
    {
        var findings = Run(Model("bad\n# pvelint-disable-file PVE0004 -- legacy file\nbad\nbad\n"));
        Assert.Empty(findings);
    }

    [Fact]
    public void Unused_unknown_and_reasonless_suppressions_are_reported_at_their_ids()
    {
        var findings = Run(Model("# pvelint-disable-next-line PVE0004, PVE9999\nfine\n"));
        Assert.Equal([
            "PVE9004 Warning 1:3 suppression of PVE0004, PVE9999 gives no reason; add ' -- <why>'",
            "PVE9001 Warning 1:29 suppression of PVE0004 matches no finding on line 2",
            "PVE9002 Warning 1:38 'PVE9999' in a suppression comment is not a pvelint rule id or name",
        ], Lines(findings));
    }

    [Fact]
    public void Severity_overrides_change_or_drop_findings()
    {
        Assert.Equal(["PVE0004 Error 1:1 'bad' is bad"], Lines(Run(Model("bad\n", "rules:\n  duplicate-key: error\n"))));
        Assert.Empty(Run(Model("bad\n", "rules:\n  PVE0004: off\n")));
    }

    [Fact]
    public void Unknown_rule_under_rules_is_reported_where_it_is_written()
    {
        var findings = Run(Model("fine\n", "rules:\n  PVE0004: info\n  PVE7777: off\n"));
        Assert.Equal(["PVE9002 Warning 3:3 'PVE7777' under 'rules:' is not a pvelint rule id or name; the setting has no effect"], Lines(findings));
    }

    [Fact]
    public void Baseline_is_keyed_on_content_so_moved_lines_stay_accepted()
    {
        var before = Model("bad alpha\nbad beta\n");
        var baseline = Baseline.Parse(Baseline.FromFindings(Run(before), before).Serialize());
        Assert.Equal(2, baseline.Entries.Length);

        var moved = LintEngine.Run(Model("\n\nbad beta\nbad alpha\n"), baseline, [new BadLineRule()]);
        Assert.Empty(moved.Findings);
        Assert.Equal(2, moved.Baselined);

        var edited = LintEngine.Run(Model("bad alpha\nbad gamma\n"), baseline, [new BadLineRule()]);
        Assert.Equal(2, edited.Findings.Length);
        Assert.Equal("PVE9001", edited.Findings[0].RuleId);
        Assert.StartsWith("baseline entry PVE0004 for 'etc/pve/test.cfg'", edited.Findings[0].Message);
        Assert.Equal("PVE0004 Warning 2:1 'bad gamma' is bad", Lines(edited.Findings)[1]);
    }

    [Fact]
    public void A_finding_reported_twice_is_one_finding_and_one_baseline_entry_absorbs_it()
    {
        // Found by fuzzing (pipeline target): two identical PVE9003 findings showed once, but the baseline written
        // from the report absorbed only one of them on the next run.
        var model = Model("bad\n");
        Rule[] twice = [new BadLineRule(), new BadLineRule()];
        var first = LintEngine.Run(model, null, twice);
        Assert.Equal(["PVE0004 Warning 1:1 'bad' is bad"], Lines(first.Findings));
        var baseline = Baseline.Parse(Baseline.FromFindings(first.Findings, model).Serialize());
        var again = LintEngine.Run(model, baseline, twice);
        Assert.Empty(again.Findings);
        Assert.Equal(1, again.Baselined);
    }

    [Fact]
    public void Baseline_entry_absorbs_one_finding_and_stale_entries_are_reported()
    {
        var model = Model("bad\n");
        var baseline = Baseline.FromFindings(Run(model), model);
        var twice = LintEngine.Run(Model("bad\n"), new Baseline(baseline.Entries.AddRange(baseline.Entries)), [new BadLineRule(), new PveLint.Rules.LinterConfig.UnusedSuppression()]);
        Assert.Equal(["PVE9001"], twice.Findings.Select(f => f.RuleId).ToArray());
        Assert.Contains("matches no finding", twice.Findings[0].Message);
    }

    [Theory]
    [InlineData("", "invalid JSON")]
    [InlineData("{\"version\": 1}", "not a pvelint baseline")]
    [InlineData("{\"version\": 1, \"entries\": [{}]}", "lacks")]
    [InlineData("[1,2", "invalid JSON")]
    public void Bad_baseline_files_give_a_readable_error(string json, string fragment)
    {
        var e = Assert.Throws<FormatException>(() => Baseline.Parse(json));
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Findings_are_sorted_by_file_line_column_and_id()
    {
        var findings = Run(Model("ok\nbad\nbad\n"));
        Assert.Equal([2, 3], findings.Select(f => f.Span!.Value.Line).ToArray());
    }
}
