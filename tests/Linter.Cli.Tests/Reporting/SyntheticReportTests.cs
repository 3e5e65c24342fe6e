using System.Collections.Immutable;
using System.Text.Json;
using Linter.Cli.Tests.Support;
using PveLint.Binding;
using PveLint.Cli.Reporting;
using PveLint.Cli.Scanning;
using PveLint.Cli.Sources;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Text;

namespace Linter.Cli.Tests.Reporting;

/// <summary>
/// Reporters fed with handcrafted findings: related locations, fixes, severity overrides and every severity,
/// which the rules of this build do not produce yet on a fixed tree.
/// </summary>
public sealed class SyntheticReportTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static readonly RuleMetadata NegativeAffinity = new(
        "PVE2003", "negative-affinity-exceeds-nodes", "A negative resource-affinity rule with more resources than nodes",
        Severity.Error, RuleCategory.HighAvailability, ["ha", "affinity"],
        "The HA core drops the rule.", "Remove resources from the rule or add nodes.");

    private static readonly RuleMetadata SingleLink = new(
        "PVE1005", "single-corosync-link", "Only one knet link",
        Severity.Warning, RuleCategory.Corosync, ["corosync", "redundancy"],
        "One switch failure fences nodes.", "Add a second link.");

    private static readonly RuleMetadata Crypto = new(
        "PVE1010", "corosync-crypto-disabled", "Corosync traffic is not encrypted",
        Severity.Error, RuleCategory.Corosync, ["corosync", "security"],
        "Anyone on the network can join or forge cluster traffic.", "Set crypto_cipher and crypto_hash.");

    private ScanReport Report()
    {
        _tree.Write("clusters/prod/etc/pve/ha/rules.cfg", "negative: keep-apart\n\tresources vm:100,vm:101,vm:102,vm:103\n\tstrict 1\n\nnegative: other\n\tresources vm:100,vm:101\n");
        _tree.Write("clusters/prod/etc/pve/corosync.conf", "totem {\n  secauth: off\n}\n");
        var source = SourceLoader.Load(_tree.PathOf("clusters/prod"), _tree.Root, SourceLimits.Default);
        var model = ClusterBinder.Bind(source.Tree);
        // What .pvelint.yaml 'rules:' gives once its reader exists: PVE9002 raised to error, PVE9001 switched off.
        var span = SourceSpan.OnLine(".pvelint.yaml", 1, 1, 7);
        model = model with
        {
            Config = model.Config with
            {
                Rules = [new RuleSetting(new("PVE9002", span), new("error", span)), new RuleSetting(new("unused-suppression", span), new("off", span))],
            },
        };

        const string rules = "etc/pve/ha/rules.cfg";
        var findings = ImmutableArray.Create(
            // In the engine's order: findings without a span first, then by path and line.
            new Finding(SingleLink, Severity.Error, "corosync uses only link 0;\na second link is missing", null, []),
            new Finding(Crypto, Severity.Info, "secauth is off: 100% of the traffic, a:b, is clear text", SourceSpan.OnLine("etc/pve/corosync.conf", 2, 3, 12), []),
            new Finding(NegativeAffinity, Severity.Error,
                "negative rule 'keep-apart' names 4 resources but the cluster has 3 nodes",
                SourceSpan.OnLine(rules, 1, 11, 10),
                [new RelatedSpan(SourceSpan.OnLine(rules, 2, 12, 29), "the four resources"), new RelatedSpan(SourceSpan.OnLine(rules, 5, 11, 5), "another rule with vm:100")],
                new Fix("Remove vm:103 from the rule", [new TextEdit(SourceSpan.OnLine(rules, 2, 32, 9), "")])));
        var scan = new ClusterScan(source, model, new LintResult(findings, Suppressed: 2, Baselined: 1));
        return new ScanReport([scan], _tree.Root, [SingleLink, Crypto, NegativeAffinity, RuleRegistry.Find("PVE9001")!, RuleRegistry.Find("PVE9002")!], Severity.Warning, "9.9.9");
    }

    private static string Render(IReporter reporter, ScanReport report)
    {
        var writer = new StringWriter { NewLine = "\n" };
        reporter.Write(report, writer);
        return writer.ToString();
    }

    [Fact]
    public void Text_shows_related_locations_and_keeps_every_finding_on_one_line_with_line_breaks_visible()
    {
        Assert.Equal(
            """
            clusters/prod/etc/pve/corosync.conf: error PVE1005: corosync uses only link 0;\na second link is missing [single-corosync-link]
            clusters/prod/etc/pve/corosync.conf(2,3): info PVE1010: secauth is off: 100% of the traffic, a:b, is clear text [corosync-crypto-disabled]
            clusters/prod/etc/pve/ha/rules.cfg(1,11): error PVE2003: negative rule 'keep-apart' names 4 resources but the cluster has 3 nodes [negative-affinity-exceeds-nodes]
              clusters/prod/etc/pve/ha/rules.cfg(2,12): related: the four resources
              clusters/prod/etc/pve/ha/rules.cfg(5,11): related: another rule with vm:100
                1  PVE1005  single-corosync-link
                1  PVE1010  corosync-crypto-disabled
                1  PVE2003  negative-affinity-exceeds-nodes
            pvelint: 2 errors, 0 warnings, 1 info in 1 cluster (2 files); 2 suppressed, 1 baselined.

            """, Render(new TextReporter(), Report()));
    }

    [SharedFact]
    public void Sarif_has_related_locations_overrides_and_security_severity_and_validates()
    {
        var sarif = Render(new SarifReporter(), Report());
        SarifSchema.AssertValid(sarif);
        var run = JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0];

        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        Assert.Equal(["PVE1005", "PVE1010", "PVE2003", "PVE9001", "PVE9002"], rules.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("8.0", rules[1].GetProperty("properties").GetProperty("security-severity").GetString());
        Assert.False(rules[0].GetProperty("properties").TryGetProperty("security-severity", out _));

        var overrides = run.GetProperty("invocations")[0].GetProperty("ruleConfigurationOverrides").EnumerateArray().ToList();
        Assert.Equal(2, overrides.Count);
        Assert.Equal(("PVE9001", 3, false), (overrides[0].GetProperty("descriptor").GetProperty("id").GetString(),
            overrides[0].GetProperty("descriptor").GetProperty("index").GetInt32(), overrides[0].GetProperty("configuration").GetProperty("enabled").GetBoolean()));
        Assert.Equal(("PVE9002", 4, "error"), (overrides[1].GetProperty("descriptor").GetProperty("id").GetString(),
            overrides[1].GetProperty("descriptor").GetProperty("index").GetInt32(), overrides[1].GetProperty("configuration").GetProperty("level").GetString()));

        var results = run.GetProperty("results");
        var linkless = results[0];
        Assert.Equal(("PVE1005", 0, "error"), (linkless.GetProperty("ruleId").GetString(), linkless.GetProperty("ruleIndex").GetInt32(), linkless.GetProperty("level").GetString()));
        var fallback = linkless.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("clusters/prod/etc/pve/corosync.conf", fallback.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.False(fallback.TryGetProperty("region", out _));
        Assert.Equal("note", results[1].GetProperty("level").GetString());

        var conflict = results[2];
        var related = conflict.GetProperty("relatedLocations").EnumerateArray().ToList();
        Assert.Equal([1, 2], related.Select(r => r.GetProperty("id").GetInt32()));
        Assert.Equal("another rule with vm:100", related[1].GetProperty("message").GetProperty("text").GetString());
        var region = related[1].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal((5, 11, 5, 16), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(), region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32()));
    }

    [Fact]
    public void Json_carries_related_locations_fixes_and_nulls_for_missing_positions()
    {
        var root = JsonDocument.Parse(Render(new JsonReporter(), Report())).RootElement;

        var findings = root.GetProperty("findings");
        var linkless = findings[0];
        Assert.Equal("clusters/prod/etc/pve/corosync.conf", linkless.GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, linkless.GetProperty("line").ValueKind);
        Assert.Equal("corosync uses only link 0;\na second link is missing", linkless.GetProperty("message").GetString());
        var conflict = findings[2];
        Assert.Equal(["id", "name", "severity", "message", "path", "line", "column", "endLine", "endColumn", "fingerprint", "subjects", "related", "fix"],
            conflict.EnumerateObject().Select(p => p.Name));
        // The fingerprint is the SARIF partial fingerprint (and the baseline key), finding for finding.
        var sarifResults = JsonDocument.Parse(Render(new SarifReporter(), Report())).RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.Equal(
            sarifResults.EnumerateArray().Select(r => r.GetProperty("partialFingerprints").GetProperty(SarifReporter.FingerprintKey).GetString()),
            findings.EnumerateArray().Select(f => f.GetProperty("fingerprint").GetString()));
        Assert.Equal(3, findings.EnumerateArray().Select(f => f.GetProperty("fingerprint").GetString()).Distinct().Count());
        // No simulation ran for this report: the cluster says so with null, not an empty table.
        Assert.Equal(JsonValueKind.Null, root.GetProperty("clusters")[0].GetProperty("simulation").ValueKind);
        Assert.Equal(2, conflict.GetProperty("related").GetArrayLength());
        Assert.Equal("", conflict.GetProperty("fix").GetProperty("edits")[0].GetProperty("newText").GetString());
        var summary = root.GetProperty("summary");
        Assert.Equal((2, 0, 1, 2, 1, "warning", true), (summary.GetProperty("errors").GetInt32(), summary.GetProperty("warnings").GetInt32(), summary.GetProperty("infos").GetInt32(),
            summary.GetProperty("suppressed").GetInt32(), summary.GetProperty("baselined").GetInt32(), summary.GetProperty("failOn").GetString(), summary.GetProperty("failed").GetBoolean()));
    }

    [Fact]
    public void GitHub_escapes_messages_and_uses_notice_for_info()
    {
        var lines = Render(new GitHubReporter(), Report()).Split('\n');

        Assert.Equal("::error file=clusters/prod/etc/pve/corosync.conf,title=PVE1005::corosync uses only link 0;\\na second link is missing [single-corosync-link]", lines[0]);
        Assert.Equal("::notice file=clusters/prod/etc/pve/corosync.conf,line=2,col=3,endLine=2,endColumn=15,title=PVE1010::secauth is off: 100%25 of the traffic, a:b, is clear text [corosync-crypto-disabled]", lines[1]);
    }

    [Fact]
    public void Markdown_keeps_table_cells_intact()
    {
        var markdown = Render(new MarkdownReporter(), Report());

        Assert.Contains("| 2 | 0 | 1 | 2 | 1 |", markdown);
        Assert.Contains("| error | [PVE1005](https://github.com/pvelint/pvelint/blob/main/rules-docs/PVE1005.md) single-corosync-link | `clusters/prod/etc/pve/corosync.conf` | corosync uses only link 0;\\na second link is missing |", markdown);
    }
}
