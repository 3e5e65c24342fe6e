using PveLint.Analysis.Ceph;
using PveLint.Model;

namespace PveLint.Simulation.Tests.Ceph;

/// <summary>The Ceph layer of the simulation on generated clusters (reference/ceph-stretch.md §3.1 table, §3.2, §3.4, §4).</summary>
public class CephLayerTests
{
    private static readonly string[][] TwoSites = [["pve-a1", "pve-a2"], ["pve-b1", "pve-b2"]];

    private static int Inactive(ClusterModel model, string pool, params int[] failed)
    {
        var h = new CrushHierarchy(model.Ceph.Crush!);
        return PgAvailability.Evaluate(h, model.Ceph.Pools.Single(p => p.Name == pool), failed.ToHashSet(), FailureStage.Down).PgsInactive;
    }

    [Fact]
    public void Four_monitors_two_plus_two_have_no_quorum_after_a_netsplit_or_a_site_loss()
    {
        var result = Simulator.Run(new CephCluster { Sites = TwoSites, Monitors = ["pve-a1", "pve-a2", "pve-b1", "pve-b2"] }.Bind(), 1);

        var split = result.Scenario("split:site1|site2")!.Ceph!;
        Assert.False(split.Monitors.HasQuorum);
        Assert.Equal([2, 2], split.Monitors.Sides.Select(s => s.Monitors.Length));
        Assert.Equal("monitors 2 of 4 on each side, quorum needs 3", split.Monitors.Describe());
        var pool = Assert.Single(split.BlockedPools);
        Assert.Equal(("vm", 32), (pool.Pool.Name, pool.PgsInactive));
        Assert.Contains("no monitor quorum", pool.Reason);

        var site = result.Scenario("site:site1")!.Ceph!;
        Assert.False(site.Monitors.HasQuorum);
        Assert.Equal(["pve-a1", "pve-a2"], site.Monitors.Lost.ToArray());
        Assert.Equal("mon.pve-a1, mon.pve-a2 lost; 2 of 4 monitors remain, quorum needs 3", site.Monitors.Describe());
        Assert.Equal([0, 1, 2, 3], site.LostOsds.ToArray());

        // One node: 3 of 4 monitors remain, and a size-3 pool over four hosts keeps two copies of every PG.
        var node = result.Scenario("node:pve-a1")!.Ceph!;
        Assert.True(node.Monitors.HasQuorum);
        Assert.Equal(0, node.Monitors.Winner);
        Assert.Equal([0, 1], node.LostOsds.ToArray());
        Assert.False(node.Unavailable);
    }

    [Fact]
    public void A_tiebreaker_in_a_third_site_keeps_quorum_and_either_side_may_win_a_netsplit()
    {
        var result = Simulator.Run(new CephCluster { Sites = TwoSites, Monitors = ["pve-a1", "pve-a2", "pve-b1", "pve-b2"], Tiebreaker = true }.Bind(), 1);

        var site = result.Scenario("site:site1")!.Ceph!;
        Assert.True(site.Monitors.HasQuorum);
        Assert.Equal(["tb"], site.Monitors.Shared.ToArray());
        Assert.Equal("3 of 5 monitors remain, quorum needs 3", site.Monitors.Describe()[(site.Monitors.Describe().IndexOf(';') + 2)..]);

        var split = result.Scenario("split:site1|site2")!.Ceph!;
        Assert.True(split.Monitors.HasQuorum);
        Assert.Equal([0, 1], split.Monitors.Candidates.ToArray());
        Assert.Null(split.Monitors.Winner);
        Assert.Contains("plus 1 every side reaches: mon.tb", split.Monitors.Describe());
    }

    [Fact]
    public void Losing_the_witness_that_holds_only_the_tiebreaker_is_a_scenario_and_with_a_data_site_stops_Ceph()
    {
        var result = Simulator.Run(new CephCluster { Sites = TwoSites, Monitors = ["pve-a1", "pve-a2", "pve-b1", "pve-b2"], Tiebreaker = true }.Bind(), 2);

        var witness = result.Scenario("site:site3")!;
        Assert.Empty(witness.Scenario.FailedNodes);
        Assert.Equal("mon.tb lost; 4 of 5 monitors remain, quorum needs 3", witness.Ceph!.Monitors.Describe());
        Assert.True(witness.Ceph.Monitors.HasQuorum);

        // §3.1: a data site and the tiebreaker together leave 2 of 5.
        var both = result.Scenario("site:site1&site:site3")!.Ceph!;
        Assert.False(both.Monitors.HasQuorum);
        Assert.Equal(["pve-a1", "pve-a2", "tb"], both.Monitors.Lost.ToArray());
        // The witness plus one node is kept apart from the node alone.
        Assert.NotNull(result.Scenario("node:pve-a1&site:site3"));
    }

    [Fact]
    public void A_node_loss_blocks_exactly_the_PGs_that_keep_fewer_than_min_size_copies()
    {
        var cluster = new CephCluster
        {
            Sites = [["n1", "n2", "n3"]],
            Monitors = ["n1", "n2", "n3"],
            Pools = [("three", 3, 2, 0, 64), ("two", 2, 2, 0, 64)],
        };
        var model = cluster.Bind();
        var ceph = Simulator.Run(model, 1).Scenario("node:n1")!.Ceph!;

        Assert.Equal([0, 1], ceph.LostOsds.ToArray());
        Assert.False(ceph.Pools.Single(p => p.Pool.Name == "three").Blocks);
        var two = ceph.Pools.Single(p => p.Pool.Name == "two");
        var expected = Inactive(model, "two", 0, 1);
        Assert.True(expected > 0);
        Assert.Equal(expected, two.PgsInactive);
        Assert.True(two.Exact);
        Assert.Equal($"{expected} of 64 PGs below min_size 2", two.Reason);
    }

    [Fact]
    public void A_site_loss_without_stretch_mode_leaves_the_PGs_with_two_copies_there_inactive()
    {
        // reference §3.4: size 3 / min_size 2 over hosts in two datacenters, one site lost, monitors still in quorum.
        var model = new CephCluster { Sites = TwoSites, Monitors = ["pve-a1", "pve-a2", "pve-b1", "pve-b2"], Tiebreaker = true }.Bind();
        var ceph = Simulator.Run(model, 1).Scenario("site:site1")!.Ceph!;

        Assert.True(ceph.Monitors.HasQuorum);
        Assert.False(ceph.DegradedStretchMode);
        var pool = Assert.Single(ceph.BlockedPools);
        Assert.Equal(Inactive(model, "vm", 0, 1, 2, 3), pool.PgsInactive);
        Assert.InRange(pool.PgsInactive, 1, 31);
    }

    [Fact]
    public void Stretch_mode_goes_degraded_when_a_whole_site_is_lost_and_keeps_serving_io()
    {
        var model = new CephCluster
        {
            Sites = TwoSites, Monitors = ["pve-a1", "pve-a2", "pve-b1", "pve-b2"], Tiebreaker = true, StretchMode = true,
            Pools = [("vm", 4, 2, 1, 32)],
        }.Bind();
        var result = Simulator.Run(model, 1);

        var site = result.Scenario("site:site2")!.Ceph!;
        Assert.True(site.DegradedStretchMode);
        var pool = Assert.Single(site.Pools);
        Assert.Equal((0, 1), (pool.PgsInactive, pool.MinSize));
        // Without degraded mode every PG would lack its second site (§4.2, the window before the mons react).
        Assert.Equal(32, Inactive(model, "vm", 4, 5, 6, 7));

        // A netsplit: either side forms quorum with the tiebreaker; the other site's OSDs are down for it.
        var split = result.Scenario("split:site1|site2")!.Ceph!;
        Assert.Equal([0, 1], split.Monitors.Candidates.ToArray());
        Assert.True(split.DegradedStretchMode);
        Assert.False(split.Unavailable);

        // One node: both sites still hold OSDs and monitors, so no degraded mode, and two buckets still peer.
        var node = result.Scenario("node:pve-a1")!.Ceph!;
        Assert.False(node.DegradedStretchMode);
        Assert.False(node.Unavailable);
    }

    [Fact]
    public void HA_services_recovered_onto_a_pool_without_monitor_quorum_are_recovered_but_blocked()
    {
        // The QDevice keeps corosync quorate when site1 goes, and HA recovers vm:101, but the monitors are 2+2.
        var model = new CephCluster
        {
            Sites = TwoSites, Monitors = ["pve-a1", "pve-a2", "pve-b1", "pve-b2"], QDeviceInWitness = true,
            HaGuests = [(101, "pve-a1"), (102, "pve-b1")],
        }.Bind();
        var verdict = Simulator.Run(model, 1).Scenario("site:site1")!;

        Assert.True(verdict.Quorum.AnyQuorate);
        Assert.False(verdict.Ceph!.Monitors.HasQuorum);
        Assert.Equal(["vm:101", "vm:102"], verdict.Ceph.BlockedServices.Select(s => s.Sid));
        var vm101 = verdict.Ceph.BlockedServices[0];
        Assert.True(vm101.Recovered);
        Assert.StartsWith("pve-b", vm101.Node);
        Assert.Equal(["vm"], vm101.Pools.ToArray());
        Assert.False(verdict.Ceph.BlockedServices[1].Recovered);
    }

    [Fact]
    public void Monitors_that_nothing_places_decide_node_losses_but_leave_site_losses_undecidable()
    {
        // Only ceph.conf, with monitor addresses on a network no site declares.
        var model = new CephCluster
        {
            Sites = TwoSites, Monitors = [], WithoutCeph = true,
            ExtraFiles = { ["etc/pve/ceph.conf"] = "[global]\n\tfsid = 7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f\n\tmon_host = 192.168.99.1 192.168.99.2 192.168.99.3\n" },
        }.Bind();
        var result = Simulator.Run(model, 1);

        var node = result.Scenario("node:pve-a1")!.Ceph!;
        Assert.True(node.Monitors.HasQuorum);
        Assert.Equal(3, node.Monitors.Shared.Length);
        var site = result.Scenario("site:site1")!.Ceph!;
        Assert.True(site.IsUndecidable);
        Assert.False(site.Unavailable);
        Assert.Contains("in no known site", site.Monitors.Undecidable);
        Assert.Contains(result.Notes, n => n.StartsWith("Ceph: mon.192.168.99.1 is on no cluster node and in no known site", StringComparison.Ordinal));
    }

    [Fact]
    public void Guests_HA_runs_on_the_corosync_side_of_a_split_are_cut_off_when_the_monitors_won_the_other_side()
    {
        // corosync: 3+2 nodes, site1 stays quorate; Ceph: monitors 1+2, quorum in site2, whose two copies per PG serve I/O.
        var model = new CephCluster
        {
            Sites = [["pve-a1", "pve-a2", "pve-a3"], ["pve-b1", "pve-b2"]], Monitors = ["pve-a1", "pve-b1", "pve-b2"],
            Pools = [("vm", 4, 2, 1, 32)], HaGuests = [(101, "pve-a1"), (102, "pve-b1")],
        }.Bind();
        var verdict = Simulator.Run(model, 1).Scenario("split:site1|site2")!;

        Assert.Equal(["pve-a1", "pve-a2", "pve-a3"], verdict.Quorum.QuorateNodes.Order().ToArray());
        var ceph = verdict.Ceph!;
        Assert.Equal(1, ceph.Monitors.Winner);
        Assert.Empty(ceph.BlockedPools);
        Assert.True(ceph.Unavailable);
        Assert.Equal(["vm:101", "vm:102"], ceph.BlockedServices.Select(b => b.Sid).ToArray());
        Assert.All(ceph.BlockedServices, b => Assert.True(b.CutOff));
        Assert.StartsWith("pve-a", ceph.BlockedServices[1].Node);
    }

    [Fact]
    public void Without_Ceph_data_the_layer_gives_no_verdict()
    {
        var result = Simulator.Run(new CephCluster { Sites = TwoSites, Monitors = [], WithoutCeph = true }.Bind(), 1);

        Assert.NotEmpty(result.Scenarios);
        Assert.All(result.Scenarios, v => Assert.Null(v.Ceph));
        Assert.DoesNotContain(result.Notes, n => n.StartsWith("Ceph", StringComparison.Ordinal));
    }
}
