using System.Text.Json;
using Linter.Cli.Tests.Support;
using PveLint.Cli.Reporting;
using PveLint.Rules.Engine;

namespace Linter.Cli.Tests.Reporting;

/// <summary>The emitter checklist of reference/sarif-github.md §3.10, checked on real runs.</summary>
public sealed class SarifReporterTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private JsonElement Sarif(CliRun run)
    {
        SarifSchema.AssertValid(run.Output);
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }

    [SharedFact]
    public void The_driver_lists_every_rule_of_the_registry_with_its_descriptions_and_level()
    {
        _tree.Write("etc/pve/corosync.conf", "totem {\n}\n");

        var log = Sarif(CliRunner.Run("scan", _tree.Root, "--format", "sarif", "--fail-on", "none"));

        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        Assert.Equal(SarifReporter.SchemaUri, log.GetProperty("$schema").GetString());
        var run = Assert.Single(log.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("pvelint", driver.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(driver.GetProperty("semanticVersion").GetString()));
        Assert.Equal("https://github.com/pvelint/pvelint", driver.GetProperty("informationUri").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(RuleRegistry.All.Select(r => r.Metadata.Id), rules.Select(r => r.GetProperty("id").GetString()));
        foreach (var (rule, meta) in rules.Zip(RuleRegistry.Metadata))
        {
            Assert.Equal(meta.Title, rule.GetProperty("shortDescription").GetProperty("text").GetString());
            Assert.Equal(meta.Rationale, rule.GetProperty("fullDescription").GetProperty("text").GetString());
            Assert.Contains(meta.HowToFix, rule.GetProperty("help").GetProperty("text").GetString());
            Assert.Contains(meta.HelpUri, rule.GetProperty("help").GetProperty("markdown").GetString());
            Assert.Equal(meta.HelpUri, rule.GetProperty("helpUri").GetString());
            Assert.Equal(SeverityNames.Sarif(meta.DefaultSeverity), rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
            Assert.NotEqual(meta.Id, rule.GetProperty("name").GetString());
            var tags = rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
            Assert.All(meta.Tags, t => Assert.Contains(t, tags));
        }
    }

    [SharedFact]
    public void A_clean_run_has_an_empty_results_array_and_run_metadata()
    {
        _tree.Write("etc/pve/corosync.conf", "");

        var run = Sarif(CliRunner.Run(CliRunner.Pinned(), "scan", _tree.Root, "--format", "sarif")).GetProperty("runs")[0];

        Assert.Equal(JsonValueKind.Array, run.GetProperty("results").ValueKind);
        Assert.Equal(0, run.GetProperty("results").GetArrayLength());
        Assert.Equal("pvelint/", run.GetProperty("automationDetails").GetProperty("id").GetString());
        Assert.Equal(new Uri(_tree.Root + "/").AbsoluteUri, run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString());
        Assert.True(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
        Assert.Equal("utf16CodeUnits", run.GetProperty("columnKind").GetString());
    }

    [SharedFact]
    public void Results_carry_rule_index_level_full_regions_relative_uris_and_a_private_fingerprint()
    {
        var root = PinnedCluster.Write(_tree, "clusters/prod");

        var log = Sarif(CliRunner.Run(CliRunner.Pinned(), "scan", root, "--format", "sarif", "--repo-root", _tree.Root));
        var run = log.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var results = run.GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(4, results.Count);
        foreach (var result in results)
        {
            var index = result.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(result.GetProperty("ruleId").GetString(), rules[index].GetProperty("id").GetString());
            Assert.Contains(result.GetProperty("level").GetString(), new[] { "error", "warning", "note" });
            var location = Assert.Single(result.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
            Assert.Equal("%SRCROOT%", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
            Assert.StartsWith("clusters/prod/etc/pve/", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            var region = location.GetProperty("region");
            foreach (var key in new[] { "startLine", "startColumn", "endLine", "endColumn" }) Assert.True(region.GetProperty(key).GetInt32() >= 1);
            Assert.Equal(20, result.GetProperty("partialFingerprints").GetProperty(SarifReporter.FingerprintKey).GetString()!.Length);
            Assert.False(result.GetProperty("partialFingerprints").TryGetProperty("primaryLocationLineHash", out _));
        }
        var warning = results.Single(r => r.GetProperty("ruleId").GetString() == "PVE9002");
        Assert.Equal("warning", warning.GetProperty("level").GetString());
        var region9002 = warning.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal((1, 29, 1, 36), (region9002.GetProperty("startLine").GetInt32(), region9002.GetProperty("startColumn").GetInt32(),
            region9002.GetProperty("endLine").GetInt32(), region9002.GetProperty("endColumn").GetInt32()));
        Assert.Equal("pvelint/clusters/prod/", run.GetProperty("automationDetails").GetProperty("id").GetString());
    }

    [SharedFact]
    public void A_finding_without_a_span_is_located_on_the_archive_without_a_region()
    {
        var archive = _tree.PathOf("backup.tgz");
        Archives.Write(archive, gzip: true, w =>
        {
            w.WriteEntry(Archives.File("corosync.conf", ""));
            w.WriteEntry(Archives.File("../escape", "x"));
        });

        var result = Sarif(CliRunner.Run(CliRunner.Pinned(), "scan", archive, "--format", "sarif")).GetProperty("runs")[0].GetProperty("results")[0];

        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("backup.tgz", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.False(location.TryGetProperty("region", out _));
    }

    [SharedFact]
    public void Archive_members_get_escaped_uris_that_still_validate()
    {
        var archive = _tree.PathOf("my backup.tgz");
        Archives.Write(archive, gzip: true, w =>
        {
            w.WriteEntry(Archives.File("corosync.conf", ""));
            w.WriteEntry(Archives.File("user.cfg", PinnedCluster.UserCfg));
        });

        var result = Sarif(CliRunner.Run(CliRunner.Pinned(), "scan", archive, "--format", "sarif")).GetProperty("runs")[0].GetProperty("results")[0];

        Assert.Equal("my%20backup.tgz%21/user.cfg", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [SharedFact]
    public void A_stale_baseline_entry_is_located_in_the_baseline_file()
    {
        // GitHub rejects results without a location: the entry that matches nothing is shown where it is written.
        var root = PinnedCluster.Write(_tree);
        var baseline = _tree.Write("b.json", "{\"version\": 1, \"entries\": [\n  {\"rule\": \"PVE9002\", \"path\": \"x\", \"fingerprint\": \"f\", \"message\": \"m\"}\n]}\n");

        var results = Sarif(CliRunner.Run(CliRunner.Pinned(), "scan", root, "--format", "sarif", "--baseline", baseline)).GetProperty("runs")[0].GetProperty("results");

        var stale = Assert.Single(results.EnumerateArray(), r => r.GetProperty("message").GetProperty("text").GetString()!.StartsWith("baseline entry", StringComparison.Ordinal));
        var location = stale.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("b.json", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        var region = location.GetProperty("region");
        Assert.Equal((2, 3, 2, 71), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(),
            region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32()));
    }

    [SharedFact]
    public void Related_locations_are_linked_from_the_message_text()
    {
        _tree.Write("etc/pve/ha/rules.cfg", "node-affinity: first\n\tresources vm:101\n\tnodes node1\nnode-affinity: second\n\tresources vm:102\n\tnodes node2\n");

        var results = Sarif(CliRunner.Run("scan", "--no-simulate", _tree.Root, "--format", "sarif")).GetProperty("runs")[0].GetProperty("results");

        var swallowed = Assert.Single(results.EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "PVE0006");
        var text = swallowed.GetProperty("message").GetProperty("text").GetString()!;
        var related = swallowed.GetProperty("relatedLocations");
        Assert.Equal(3, related.GetArrayLength());
        Assert.Contains(" Related: [section 'first' that swallows the header](1), [", text);
        Assert.EndsWith("](3).", text);
        Assert.Equal([1, 2, 3], related.EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
    }

    [SharedFact]
    public void The_run_category_comes_from_sarif_category_when_given()
    {
        var root = PinnedCluster.Write(_tree, "clusters/prod");

        var given = Sarif(CliRunner.Run(CliRunner.Pinned(), "scan", root, "--format", "sarif", "--repo-root", _tree.Root, "--sarif-category", "pve-prod")).GetProperty("runs")[0];
        var fallback = Sarif(CliRunner.Run(CliRunner.Pinned(), "scan", root, "--format", "sarif", "--repo-root", _tree.Root)).GetProperty("runs")[0];

        Assert.Equal("pve-prod/", given.GetProperty("automationDetails").GetProperty("id").GetString());
        Assert.Equal("pvelint/clusters/prod/", fallback.GetProperty("automationDetails").GetProperty("id").GetString());
    }

    [Fact]
    public void A_sarif_category_with_nothing_in_it_is_a_usage_error()
    {
        var run = CliRunner.Run(CliRunner.Pinned(), "scan", _tree.Root, "--format", "sarif", "--sarif-category", " ");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--sarif-category", run.Error);
    }

    [Theory]
    [InlineData("negative-affinity-exceeds-nodes", "NegativeAffinityExceedsNodes")]
    [InlineData("syntax-error", "SyntaxError")]
    public void Rule_names_become_pascal_case(string kebab, string pascal) => Assert.Equal(pascal, SarifReporter.PascalCase(kebab));
}
