using PveLint.Binding;
using PveLint.Sources;

namespace PveLint.Simulation.Tests.Ceph;

/// <summary>
/// The real Pacific stretch lab (corpus a-stretch-2dc-ssd: 5 monitors 2+2+tiebreaker pve5 in site3, two size-4 pools
/// over the stretch rule), run through the simulation with a corosync.conf naming its four hosts. Reference §3.1/§3.2:
/// losing site2 left quorum pve1, pve2, pve5, degraded stretch mode, min_size 1 and every PG active.
/// </summary>
public class StretchLabCorpusTests
{
    private static SimulationResult Lab()
    {
        var nodes = new[] { "pve1", "pve2", "pve3", "pve4" };
        var list = string.Concat(nodes.Select((n, i) => $"  node {{\n    name: {n}\n    nodeid: {i + 1}\n    quorum_votes: 1\n    ring0_addr: 10.0.0.{i + 1}\n  }}\n"));
        string Corpus(string name) => File.ReadAllText(TestPaths.CorpusFile("ceph", $"a-stretch-2dc-ssd.{name}"));
        var model = ClusterBinder.Bind(ConfigTree.FromTexts(new Dictionary<string, string>
        {
            ["etc/pve/corosync.conf"] = $"nodelist {{\n{list}}}\n\nquorum {{\n  provider: corosync_votequorum\n}}\n\ntotem {{\n  cluster_name: lab\n  config_version: 1\n  version: 2\n}}\n",
            ["ceph/crush.txt"] = Corpus("crush.txt"),
            ["ceph/monmap.json"] = Corpus("monmap.json"),
            ["ceph/osdmap.json"] = Corpus("osdmap.json"),
        }));
        return Simulator.Run(model, 1);
    }

    [SharedFact]
    public void Losing_site2_keeps_quorum_with_the_tiebreaker_and_degraded_stretch_mode_keeps_every_PG_active()
    {
        var ceph = Lab().Scenario("site:site2")!.Ceph!;

        Assert.Equal(["pve3", "pve4"], ceph.Monitors.Lost.ToArray());
        Assert.Equal(["pve5"], ceph.Monitors.Shared.ToArray());
        Assert.Equal(["pve1", "pve2"], ceph.Monitors.Sides.Single().Monitors.ToArray());
        Assert.True(ceph.Monitors.HasQuorum);
        Assert.True(ceph.DegradedStretchMode);
        Assert.Equal([4, 5, 6, 7], ceph.LostOsds.ToArray());
        Assert.Equal(["vm-pool", "vm-pool2"], ceph.Pools.Select(p => p.Pool.Name).Order().ToArray());
        Assert.All(ceph.Pools, p => Assert.Equal((32, 0, 1, true), (p.PgCount, p.PgsInactive, p.MinSize, p.Exact)));
    }

    [SharedFact]
    public void A_netsplit_between_the_data_sites_is_won_by_one_side_with_the_tiebreaker()
    {
        var ceph = Lab().Scenario("split:site1|site2")!.Ceph!;

        Assert.Equal([0, 1], ceph.Monitors.Candidates.ToArray());
        Assert.True(ceph.DegradedStretchMode);
        Assert.False(ceph.Unavailable);
    }
}
