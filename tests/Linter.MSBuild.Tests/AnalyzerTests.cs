using PveLint.Binding;
using Microsoft.CodeAnalysis;
using PveLint.MSBuild;
using PveLint.Rules.Engine;
using PveLint.Tests;

namespace Linter.MSBuild.Tests;

public class AnalyzerTests
{
    public static TheoryData<string> RuleIds() => new(RuleRegistry.All.Select(r => r.Metadata.Id));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public async Task Bad_fixture_gives_the_same_findings_through_the_analyzer(string id)
    {
        var bad = Path.Combine(TestPaths.Fixtures, id, "bad");
        var expected = FixtureTree.ExpectedFindings(bad);
        var diagnostics = await AnalyzerHarness.RunAsync(FixtureTree.Files(bad));

        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "PVE9000");
        // Each at the severity the CLI gives it (the rule's default, or a raised one such as PVE0009 when PVE drops the key).
        var cli = LintEngine.Run(ClusterBinder.Bind(FixtureTree.Load(bad))).Findings.Where(f => f.RuleId == id)
            .Select(f => $"{f.Span!.Value.Path}({f.Span.Value.Line},{f.Span.Value.Column}): {id} {RuleDescriptors.ToRoslyn(f.Severity)}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.Order(StringComparer.Ordinal).ToArray(), cli.Select(c => c[..c.IndexOf(": ", StringComparison.Ordinal)]).ToArray());
        Assert.Equal(cli, AnalyzerHarness.Format(diagnostics.Where(d => d.Id == id)));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public async Task Good_fixture_gives_no_finding_of_the_rule(string id)
    {
        var diagnostics = await AnalyzerHarness.RunAsync(FixtureTree.Files(Path.Combine(TestPaths.Fixtures, id, "good")));
        Assert.DoesNotContain(diagnostics, d => d.Id == id || d.Id == "PVE9000");
    }

    [Fact]
    public async Task Severity_overrides_in_pvelint_yaml_apply_like_in_the_cli()
    {
        var files = new Dictionary<string, string>
        {
            [".pvelint.yaml"] = "rules:\n  PVE9004: error\n",
            ["etc/pve/ha/resources.cfg"] = "# pvelint-disable-next-line PVE0004\nvm: 100\n\tstate started\n",
        };
        var diagnostics = await AnalyzerHarness.RunAsync(files);
        Assert.Contains("etc/pve/ha/resources.cfg(1,3): PVE9004 Error", AnalyzerHarness.Format(diagnostics));
    }

    [Fact]
    public async Task Related_spans_become_additional_locations_and_messages_are_the_findings()
    {
        var files = new Dictionary<string, string> { [".pvelint.yaml"] = "targt: x\n" };
        var d = Assert.Single(await AnalyzerHarness.RunAsync(files));
        Assert.Equal("PVE9003", d.Id);
        Assert.StartsWith("unknown key 'targt'", d.GetMessage());
        Assert.Equal("/repo/.pvelint.yaml", d.Location.GetLineSpan().Path);
    }

    [Fact]
    public async Task Files_outside_the_scan_layout_are_ignored_and_no_files_means_no_diagnostics()
    {
        Assert.Empty(await AnalyzerHarness.RunAsync(new Dictionary<string, string> { ["docs/notes.txt"] = "targt: x\n" }));
        Assert.Empty(await AnalyzerHarness.RunAsync(new Dictionary<string, string>()));
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            AnalyzerHarness.RunAsync(new Dictionary<string, string> { [".pvelint.yaml"] = "targt: x\n" }, cts.Token));
    }

    [Fact]
    public void Descriptors_come_from_the_rule_metadata()
    {
        var analyzer = new PveLintAnalyzer();
        foreach (var rule in RuleRegistry.Metadata)
        {
            var d = Assert.Single(analyzer.SupportedDiagnostics, x => x.Id == rule.Id);
            Assert.Equal(rule.Title, d.Title.ToString());
            Assert.Equal(rule.HelpUri, d.HelpLinkUri);
            Assert.Equal(RuleDescriptors.ToRoslyn(rule.DefaultSeverity), d.DefaultSeverity);
            Assert.Contains(rule.Name, d.CustomTags);
        }
        Assert.Equal(RuleRegistry.All.Length + 1, analyzer.SupportedDiagnostics.Length);
    }

    [Fact]
    public void Logical_paths_follow_the_scan_root_layout()
    {
        Assert.Equal("etc/pve/ha/rules.cfg", ClusterFileLocator.LogicalPath("/r/etc/pve/ha/rules.cfg", "/r"));
        Assert.Equal("hosts/pve1/etc/default/pve-ha-manager", ClusterFileLocator.LogicalPath("/r/hosts/pve1/etc/default/pve-ha-manager", "/r/"));
        Assert.Equal(".pvelint.yaml", ClusterFileLocator.LogicalPath("/r/.pvelint.yaml", "/r"));
        Assert.Null(ClusterFileLocator.LogicalPath("/r/README.md", "/r"));
        Assert.Equal("etc/pve/corosync.conf", ClusterFileLocator.LogicalPath("/elsewhere/backup/etc/pve/corosync.conf", "/r"));
        Assert.Equal("etc/pve/corosync.conf", ClusterFileLocator.LogicalPath(@"C:\r\etc\pve\corosync.conf", @"C:\r"));
    }
}
