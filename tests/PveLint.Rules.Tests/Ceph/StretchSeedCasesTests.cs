using PveLint.Binding;
using PveLint.Rules.Engine;
using PveLint.Tests;

namespace PveLint.Rules.Tests.Ceph;

/// <summary>
/// Issue 10's "done when": the canonical stretch layout (5 monitors 2+2+tiebreaker, SSD only, size 4 / min_size 2,
/// two copies per site, ≤ 10 ms) gives no PVE3xxx finding at all, and each seed mistake, written as a variation of
/// it in the rule fixtures, gives its finding with the facts in the message.
/// </summary>
public class StretchSeedCasesTests
{
    private static List<Finding> CephFindings(string fixture) =>
        LintEngine.Run(ClusterBinder.Bind(FixtureTree.Load(Path.Combine(TestPaths.Fixtures, fixture))))
            .Findings.Where(f => f.RuleId.StartsWith("PVE3", StringComparison.Ordinal)).ToList();

    [Fact]
    public void The_canonical_stretch_layout_gives_no_ceph_finding()
    {
        var model = ClusterBinder.Bind(FixtureTree.Load(Path.Combine(TestPaths.Fixtures, "ceph-stretch-canonical")));
        Assert.Empty(model.Diagnostics);
        Assert.True(model.Ceph.StretchModeEnabled);
        Assert.Equal(5, model.Ceph.Monitors.Length);
        Assert.Empty(LintEngine.Run(model).Findings.Where(f => f.RuleId.StartsWith("PVE3", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("PVE3001", "8 OSDs in the data sites are hdd-class (4 of 4 in site1, 4 of 4 in site2")]
    [InlineData("PVE3002", "The 4 monitors are split 2+2 between site1 (mon.pve1, mon.pve2) and site2 (mon.pve3, mon.pve4), with none in a third location")]
    [InlineData("PVE3002", "leaves 2 of 4, below the quorum of 3")]
    [InlineData("PVE3008", "The tiebreaker monitor mon.pve5 is located in site1 (crush_location datacenter=site1)")]
    [InlineData("PVE3008", "the remaining monitors (2: mon.pve3, mon.pve4) cannot form a quorum of 3")]
    [InlineData("PVE3003", "the CRUSH map has 3 datacenter buckets holding OSDs (site1, site2, site3)")]
    [InlineData("PVE3004", "Pool 'ec-data' is erasure-coded (profile ec22: k=2 m=2)")]
    [InlineData("PVE3005", "Pool 'vm-pool' is a stretch pool (stretch mode is enabled with tiebreaker mon.pve5), but its size is 3, not 4")]
    [InlineData("PVE3006", "between data sites site1 and site2 is 25 ms, above the 10 ms")]
    public void Each_seed_case_gives_its_finding(string rule, string fact)
    {
        var findings = CephFindings(Path.Combine(rule, "bad"));
        Assert.Contains(findings, f => f.RuleId == rule && f.Message.Contains(fact, StringComparison.Ordinal));
    }

    [Fact]
    public void Messages_say_whether_stretch_mode_was_enabled_or_only_shaped()
    {
        Assert.Contains(CephFindings("PVE3001/bad"), f => f.Message.StartsWith("Stretch mode is enabled with tiebreaker mon.pve5;", StringComparison.Ordinal));
        // The same HDD map with stretch mode never enabled: the stretch rule alone makes it stretch-shaped.
        var files = FixtureTree.Files(Path.Combine(TestPaths.Fixtures, "PVE3001", "bad"));
        files["ceph/monmap.json"] = files["ceph/monmap.json"].Replace("\"stretch_mode\": true", "\"stretch_mode\": false");
        files["ceph/osdmap.json"] = files["ceph/osdmap.json"].Replace("\"stretch_mode_enabled\": true", "\"stretch_mode_enabled\": false");
        var model = ClusterBinder.Bind(new PveLint.Sources.ConfigTree(files.Select(kv => new PveLint.Sources.ConfigFile(kv.Key, kv.Value, kv.Key))));
        var finding = Assert.Single(LintEngine.Run(model).Findings, f => f.RuleId == "PVE3001");
        Assert.StartsWith("Stretch mode is not enabled, but rule 'stretch_rule' is stretch-shaped (take default class hdd; choose firstn 0 type datacenter; chooseleaf firstn 2 type host; emit);", finding.Message);
    }

    [Fact]
    public void Findings_carry_the_pool_rule_and_monitor_as_related_locations()
    {
        var pve3005 = CephFindings("PVE3005/bad").First(f => f.RuleId == "PVE3005");
        Assert.Equal("ceph/osdmap.json", pve3005.Span!.Value.Path);
        Assert.Contains(pve3005.Related, r => r.Span.Path == "ceph/crush.txt" && r.Message == "rule 'stretch_rule' of pool 'vm-pool'");

        var pve3008 = CephFindings("PVE3008/bad").Single(f => f.RuleId == "PVE3008");
        Assert.Equal(("ceph/monmap.json", 106), (pve3008.Span!.Value.Path, pve3008.Span!.Value.Line));
        Assert.Equal(["mon.pve1 in site1", "mon.pve2 in site1"], pve3008.Related.Select(r => r.Message));

        var pve3009 = CephFindings("PVE3009/bad").First(f => f.RuleId == "PVE3009");
        Assert.Contains("'chooseleaf firstn 2 type host' under site2 (class ssd) asks for 2 hosts, only 1 is usable (pve3); without usable OSDs: pve4", pve3009.Message);
        Assert.Contains(pve3009.Related, r => r.Message == "datacenter site2: 1 usable host of 2 asked for");
    }
}

/// <summary>Monitors known only from ceph.conf (a design or a backup without 'ceph mon dump') are placed by their nodes' sites.</summary>
public class MonitorsFromCephConfTests
{
    [Fact]
    public void Two_plus_two_monitors_in_ceph_conf_sections_are_found_without_a_monitor_map()
    {
        var files = FixtureTree.Files(Path.Combine(TestPaths.Fixtures, "PVE3002", "bad"));
        files.Remove("ceph/monmap.json");
        var model = ClusterBinder.Bind(new PveLint.Sources.ConfigTree(files.Select(kv => new PveLint.Sources.ConfigFile(kv.Key, kv.Value, kv.Key))));
        Assert.Empty(model.Ceph.Monitors);
        var finding = Assert.Single(LintEngine.Run(model).Findings, f => f.RuleId == "PVE3002");
        Assert.Equal(("etc/pve/ceph.conf", 14), (finding.Span!.Value.Path, finding.Span!.Value.Line));
        Assert.Contains("split 2+2 between site1 (mon.pve1, mon.pve2) and site2 (mon.pve3, mon.pve4)", finding.Message);
        Assert.Contains(finding.Related, r => r.Message == "mon.pve3 in site2 (on cluster node pve3 in site site2)");
    }
}
