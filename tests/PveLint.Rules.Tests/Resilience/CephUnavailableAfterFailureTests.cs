using PveLint.Analysis.Ceph;
using PveLint.Binding;
using PveLint.Rules.Engine;
using PveLint.Sources;

namespace PveLint.Rules.Tests.Resilience;

/// <summary>PVE6006 end to end: the seed case (4 monitors 2+2, no tiebreaker) and a pool that loses min_size on a node loss.</summary>
public class CephUnavailableAfterFailureTests
{
    private static List<Finding> Findings(IDictionary<string, string> files) =>
        LintEngine.Run(ClusterBinder.Bind(new ConfigTree(files.Select(kv => new ConfigFile(kv.Key, kv.Value, kv.Key)))))
            .Findings.Where(f => f.RuleId == "PVE6006").ToList();

    [Fact]
    public void Four_monitors_two_plus_two_without_a_tiebreaker_stop_Ceph_on_a_netsplit()
    {
        var findings = Findings(FixtureTree.Files(Path.Combine(TestPaths.Fixtures, "PVE6006", "bad")));

        var split = Assert.Single(findings, f => f.Message.StartsWith("netsplit site1 | site2 + site3:", StringComparison.Ordinal));
        Assert.Equal("netsplit site1 | site2 + site3: monitors 2 of 4 on each side, quorum needs 3: no side has monitor quorum, all Ceph I/O stops; " +
                     "pool vm-pool blocks; vm:101 (on pve4) recovered but blocked on its disks; vm:102 keeps running with blocked disks", split.Message);
        Assert.Equal(("etc/pve/ceph.conf", 14), (split.Span!.Value.Path, split.Span.Value.Line));
        Assert.Contains(split.Related, r => r.Message == "mon.pve4 in site2");
        Assert.Contains(split.Related, r => r.Message.StartsWith("pool vm-pool (size 4, min_size 2", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.StartsWith("site site1 lost: mon.pve1, mon.pve2 lost; 2 of 4 monitors remain, quorum needs 3: no monitor quorum", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pool_of_size_two_over_hosts_blocks_some_PGs_when_one_node_is_lost()
    {
        // The good fixture's five monitors keep quorum; its pool becomes size 2 / min_size 2 over the host rule.
        var files = FixtureTree.Files(Path.Combine(TestPaths.Fixtures, "PVE6006", "good"));
        files["ceph/osdmap.json"] = files["ceph/osdmap.json"]
            .Replace("\"size\": 4", "\"size\": 2").Replace("\"crush_rule\": 1", "\"crush_rule\": 0")
            .Replace("\"stretch_mode_enabled\": true", "\"stretch_mode_enabled\": false")
            .Replace("\"peering_crush_bucket_count\": 2", "\"peering_crush_bucket_count\": 0");
        var model = ClusterBinder.Bind(new ConfigTree(files.Select(kv => new ConfigFile(kv.Key, kv.Value, kv.Key))));
        var expected = PgAvailability.Evaluate(new CrushHierarchy(model.Ceph.Crush!), model.Ceph.Pools[0], new HashSet<int> { 0, 1 }, FailureStage.Down).PgsInactive;
        Assert.InRange(expected, 1, 31);

        var finding = Assert.Single(Findings(files), f => f.Message.StartsWith("node pve1 lost:", StringComparison.Ordinal));
        Assert.Equal($"node pve1 lost: osd.0 and osd.1 down (2 of 8); pool vm-pool: {expected} of 32 PGs below min_size 2, so I/O to them blocks; " +
                     "vm:101 (on pve2) recovered but blocked on its disks; vm:102 keeps running with blocked disks", finding.Message);
        Assert.Equal(("ceph/osdmap.json", 5), (finding.Span!.Value.Path, finding.Span.Value.Line));
        Assert.Contains(finding.Related, r => r.Message.StartsWith("CRUSH rule replicated_rule (", StringComparison.Ordinal));
    }

    [Fact]
    public void Guests_on_the_corosync_side_of_a_split_that_the_monitors_did_not_win_are_reported_on_their_HA_resource()
    {
        var files = new PveLint.Simulation.Tests.Ceph.CephCluster
        {
            Sites = [["pve-a1", "pve-a2", "pve-a3"], ["pve-b1", "pve-b2"]], Monitors = ["pve-a1", "pve-b1", "pve-b2"],
            Pools = [("vm", 4, 2, 1, 32)], HaGuests = [(101, "pve-a1"), (102, "pve-b1")],
        }.Files();

        var finding = Assert.Single(Findings(files), f => f.Message.StartsWith("netsplit", StringComparison.Ordinal));
        Assert.Equal("netsplit site1 | site2: site1 1 of 3, site2 2 of 3 monitors, quorum needs 2: monitor quorum and the OSDs serving I/O are in site2; " +
                     "HA runs vm:101 (on pve-a1) and vm:102 (on pve-a2) on the other side, cut off from their disks", finding.Message);
        Assert.Equal(("etc/pve/ha/resources.cfg", 1), (finding.Span!.Value.Path, finding.Span.Value.Line));
        Assert.Contains(finding.Related, r => r.Message == "HA resource vm:102");
    }
}
