using PveLint.Binding;
using PveLint.Model;
using PveLint.Simulation.Scenarios;
using PveLint.Sources;

namespace PveLint.Simulation.Tests.Scenarios;

public class ScenarioGeneratorTests
{
    private static string Corosync(int nodes, string? qdeviceHost)
    {
        var list = string.Concat(Enumerable.Range(1, nodes).Select(i =>
            $"  node {{\n    name: pve{i}\n    nodeid: {i}\n    quorum_votes: 1\n    ring0_addr: 10.0.0.{i}\n  }}\n"));
        var device = qdeviceHost is null ? "" :
            $"  device {{\n    model: net\n    votes: 1\n    net {{\n      host: {qdeviceHost}\n      algorithm: ffsplit\n      tls: on\n    }}\n  }}\n";
        return $"nodelist {{\n{list}}}\n\nquorum {{\n  provider: corosync_votequorum\n{device}}}\n\ntotem {{\n  cluster_name: t\n  config_version: 1\n  secauth: on\n  version: 2\n}}\n";
    }

    private static ClusterModel Model(int nodes, string? qdeviceHost, string yaml) => ClusterBinder.Bind(ConfigTree.FromTexts(
        new Dictionary<string, string> { ["etc/pve/corosync.conf"] = Corosync(nodes, qdeviceHost), [".pvelint.yaml"] = yaml }));

    private const string TwoRoomsAndWitness = """
        sites:
          room-a: { nodes: [pve1, pve2] }
          room-b: { nodes: [pve3, pve4] }
          witness: { role: witness, qdevice: true, addresses: [10.9.0.0/24] }

        """;

    [Fact]
    public void Combinations_leave_out_losses_that_overlap_and_a_site_listing_a_node_twice()
    {
        var ids = ScenarioGenerator.Generate(Model(4, null, """
            sites:
              room-a: { nodes: [pve1, pve2, pve1] }
              room-b: { nodes: [pve3, pve4] }

            """), maxFailures: 2).Select(s => s.Id).ToList();
        Assert.Contains("node:pve1&node:pve3", ids);
        Assert.Contains("node:pve1&site:room-b", ids);
        Assert.DoesNotContain("node:pve3&site:room-b", ids);      // pve3 is in room-b
        Assert.DoesNotContain(ids, id => id.Contains("site:room-a&", StringComparison.Ordinal) || id.Contains("&site:room-a", StringComparison.Ordinal));
        var roomA = ScenarioGenerator.Generate(Model(4, null, "sites:\n  room-a: { nodes: [pve1, pve2, pve1] }\n"), maxFailures: 1).Single(s => s.Id == "site:room-a");
        Assert.Equal(["pve1", "pve2"], roomA.FailedNodes.ToArray());   // each node once, in node order
        Assert.Equal(["pve3", "pve4"], Assert.Single(roomA.Partitions).Nodes.ToArray());
    }

    [Fact]
    public void Two_rooms_and_a_witness_give_every_node_site_split_and_the_qdevice()
    {
        var scenarios = ScenarioGenerator.Generate(Model(4, "10.9.0.5", TwoRoomsAndWitness), maxFailures: 1);
        Assert.Equal(
        [
            "node:pve1", "node:pve2", "node:pve3", "node:pve4",
            "site:room-a", "site:room-b", "site:witness",
            "split:room-a+room-b|witness", "split:room-a+witness|room-b", "split:room-a|room-b+witness",
        ], scenarios.Select(s => s.Id));
        var split = scenarios.Single(s => s.Id == "split:room-a|room-b+witness");
        Assert.Equal("netsplit room-a | room-b + witness", split.Title);
        Assert.Equal(ScenarioKind.Netsplit, split.Kind);
        Assert.Equal([["pve1", "pve2"], ["pve3", "pve4"]], split.Partitions.Select(p => p.Nodes.ToArray()));
        Assert.Equal([false, true], split.Partitions.Select(p => p.ReachesQDevice));
        Assert.Empty(split.Assumptions);
        var witness = scenarios.Single(s => s.Id == "site:witness");
        Assert.True(witness.QDeviceLost);
        Assert.Empty(witness.FailedNodes);
        Assert.False(Assert.Single(witness.Partitions).ReachesQDevice);
        var roomA = scenarios.Single(s => s.Id == "site:room-a");
        Assert.Equal(["pve1", "pve2"], roomA.FailedNodes.ToArray());
        Assert.Equal(["pve3", "pve4"], Assert.Single(roomA.Partitions).Nodes.ToArray());
        Assert.True(roomA.Partitions[0].ReachesQDevice);
    }

    [Fact]
    public void Combinations_up_to_two_skip_overlaps_and_equivalent_losses()
    {
        var scenarios = ScenarioGenerator.Generate(Model(4, "10.9.0.5", TwoRoomsAndWitness), maxFailures: 2);
        var ids = scenarios.Select(s => s.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains("node:pve1&node:pve3", ids);
        Assert.Contains("site:room-a&site:witness", ids); // qnetd loss, then a site loss
        Assert.Contains("node:pve3&site:witness", ids);
        Assert.DoesNotContain("node:pve1&site:room-a", ids); // pve1 is in room-a: not two failures
        // nodes pve1+pve2 lost has the effect of site room-a lost: listed once, as the site
        Assert.DoesNotContain("node:pve1&node:pve2", ids);
        Assert.Contains("split:room-a|room-b+witness&qdevice", ids);
        var threeWay = scenarios.Single(s => s.Id == "split:room-a|room-b|witness");
        Assert.Equal((ScenarioKind.Combination, 2), (threeWay.Kind, threeWay.FailureCount));
        var pair = scenarios.Single(s => s.Id == "node:pve1&node:pve3");
        Assert.Equal("nodes pve1+pve3 lost", pair.Title);
        Assert.Equal(2, pair.FailureCount);
        Assert.All(scenarios, s => Assert.InRange(s.FailureCount, 1, 2));
    }

    [Fact]
    public void A_qdevice_in_no_known_site_is_tried_on_each_side_and_says_so()
    {
        const string yaml = "sites:\n  room-a: { nodes: [pve1, pve2] }\n  room-b: { nodes: [pve3, pve4] }\n";
        var scenarios = ScenarioGenerator.Generate(Model(4, "qnetd.example.com", yaml), maxFailures: 1);
        var splits = scenarios.Where(s => s.Kind == ScenarioKind.Netsplit).ToList();
        Assert.Equal(["split:room-a|room-b@q0", "split:room-a|room-b@q1"], splits.Select(s => s.Id));
        Assert.All(splits, s => Assert.Contains("no known site", Assert.Single(s.Assumptions)));
        Assert.Contains(scenarios, s => s.Id == "qdevice" && s.Kind == ScenarioKind.QDeviceLoss && s.Title == "QDevice host qnetd.example.com lost");
    }

    [Fact]
    public void A_qdevice_on_a_cluster_node_is_lost_with_that_node()
    {
        const string yaml = "sites:\n  room-a: { nodes: [pve1, pve2] }\n  room-b: { nodes: [pve3, pve4] }\n";
        var scenarios = ScenarioGenerator.Generate(Model(4, "10.0.0.1", yaml), maxFailures: 1);
        Assert.True(scenarios.Single(s => s.Id == "node:pve1").QDeviceLost);
        Assert.True(scenarios.Single(s => s.Id == "site:room-a").QDeviceLost);
        Assert.DoesNotContain(scenarios, s => s.Id == "qdevice");
        var split = scenarios.Single(s => s.Kind == ScenarioKind.Netsplit);
        Assert.Equal([true, false], split.Partitions.Select(p => p.ReachesQDevice));
    }

    [Fact]
    public void Without_sites_only_node_and_qdevice_losses_are_generated()
    {
        var scenarios = ScenarioGenerator.Generate(Model(3, null, "target: pve-9.1\n"), maxFailures: 2);
        Assert.Equal(["node:pve1", "node:pve2", "node:pve3", "node:pve1&node:pve2", "node:pve1&node:pve3", "node:pve2&node:pve3"], scenarios.Select(s => s.Id));
        Assert.All(scenarios, s => Assert.False(s.Partitions[0].ReachesQDevice));
    }

    [Fact]
    public void Nodes_in_no_site_form_their_own_block_in_netsplits()
    {
        const string yaml = "sites:\n  room-a: { nodes: [pve1] }\n  room-b: { nodes: [pve2] }\n";
        var splits = ScenarioGenerator.Generate(Model(3, null, yaml), maxFailures: 1).Where(s => s.Kind == ScenarioKind.Netsplit).ToList();
        Assert.Equal(3, splits.Count); // the three-way split is two cut links, beyond max-failures 1
        Assert.Contains(splits, s => s.Partitions.Any(p => p.Sites.Contains(ScenarioGenerator.UnplacedBlock) && p.Nodes.SequenceEqual(["pve3"])));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 4)]
    [InlineData(4, 14)]
    [InlineData(5, 51)]
    [InlineData(6, 202)]
    [InlineData(7, 7)]
    public void Groupings_are_the_set_partitions_with_two_or_more_groups(int blocks, int expected)
    {
        var groupings = ScenarioGenerator.Groupings(blocks).ToList();
        Assert.Equal(expected, groupings.Count);
        Assert.All(groupings, g =>
        {
            Assert.True(g.Count >= 2);
            Assert.Equal(Enumerable.Range(0, blocks), g.SelectMany(x => x).Order());
        });
        Assert.Equal(groupings.Count, groupings.Select(g => string.Join("|", g.Select(x => string.Join(",", x)))).Distinct().Count());
    }
}
