using PveLint.Analysis.HighAvailability.Placement;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Simulation.Fencing;
using PveLint.Sources;

namespace PveLint.Simulation.Tests;

/// <summary>The seed's held-out cases, end to end from configuration text to scenario verdicts.</summary>
public class SimulatorTests
{
    private static string Corosync(bool qdevice)
    {
        var nodes = new[] { "pve-a1", "pve-a2", "pve-b1", "pve-b2" };
        var list = string.Concat(nodes.Select((n, i) =>
            $"  node {{\n    name: {n}\n    nodeid: {i + 1}\n    quorum_votes: 1\n    ring0_addr: 10.0.{(i < 2 ? 1 : 2)}.{i + 1}\n  }}\n"));
        var device = qdevice ? "  device {\n    model: net\n    votes: 1\n    net {\n      host: 10.9.0.5\n      algorithm: ffsplit\n      tls: on\n    }\n  }\n" : "";
        return $"nodelist {{\n{list}}}\n\nquorum {{\n  provider: corosync_votequorum\n{device}}}\n\ntotem {{\n  cluster_name: t\n  config_version: 1\n  secauth: on\n  version: 2\n}}\n";
    }

    private const string Sites = """
        sites:
          room-a: { nodes: [pve-a1, pve-a2] }
          room-b: { nodes: [pve-b1, pve-b2] }
          witness: { role: witness, qdevice: true, addresses: [10.9.0.0/24] }

        """;

    private static ClusterModel Cluster(bool qdevice, string? rules = null) => ClusterBinder.Bind(ConfigTree.FromTexts(new Dictionary<string, string>
    {
        ["etc/pve/corosync.conf"] = Corosync(qdevice),
        [".pvelint.yaml"] = Sites,
        ["etc/pve/storage.cfg"] = "rbd: ceph-vm\n\tcontent images\n\tpool vm\n",
        ["etc/pve/ha/resources.cfg"] = "vm: 101\n\tstate started\n\nvm: 102\n\tstate started\n",
        ["etc/pve/ha/rules.cfg"] = rules ?? "",
        ["etc/pve/nodes/pve-a1/qemu-server/101.conf"] = "memory: 2048\nscsi0: ceph-vm:vm-101-disk-0,size=32G\n",
        ["etc/pve/nodes/pve-b1/qemu-server/102.conf"] = "memory: 2048\nscsi0: ceph-vm:vm-102-disk-0,size=32G\n",
    }));

    [Fact]
    public void Two_plus_two_without_a_qdevice_stops_on_a_site_loss_and_on_a_netsplit()
    {
        var result = Simulator.Run(Cluster(qdevice: false), maxFailures: 1);

        var siteA = result.Scenario("site:room-a")!;
        var survivors = Assert.Single(siteA.Quorum.Partitions);
        Assert.False(survivors.IsQuorate);
        Assert.Equal((2, 4, 3), (survivors.TotalVotes, survivors.ExpectedVotes, survivors.Quorum));
        // pve-b1 runs vm:102 and fences itself; pve-b2 runs nothing and stays up without quorum
        Assert.Equal(["pve-b1"], siteA.Fencing.SelfFenced);
        Assert.Equal(NodeFateKind.InquorateIdle, siteA.Fencing.Nodes.Single(n => n.Node == "pve-b2").Fate);
        Assert.Null(siteA.Ha.Plan);
        Assert.Contains("no partition is quorate", siteA.Ha.NotEvaluated);

        var split = result.Scenario("split:room-a|room-b")!;
        Assert.Equal(2, split.Quorum.Partitions.Length);
        Assert.False(split.Quorum.AnyQuorate);
        Assert.Equal(["pve-a1", "pve-b1"], split.Fencing.SelfFenced);
    }

    [Fact]
    public void Two_plus_two_with_a_qdevice_in_a_third_site_survives_and_recovers()
    {
        var result = Simulator.Run(Cluster(qdevice: true), maxFailures: 1);

        var siteA = result.Scenario("site:room-a")!;
        var survivors = Assert.Single(siteA.Quorum.Partitions);
        Assert.True(survivors.IsQuorate, survivors.Explanation);
        Assert.Empty(siteA.Fencing.SelfFenced);
        var vm101 = siteA.Ha.Plan!.Service("vm:101")!;
        Assert.Equal(PlacementOutcome.Recovered, vm101.Outcome);
        Assert.Contains(vm101.To, new[] { "pve-b1", "pve-b2" });

        // A netsplit: qnetd gives its vote to exactly one side (ffsplit), which stays quorate.
        foreach (var id in new[] { "split:room-a|room-b+witness", "split:room-a+witness|room-b" })
        {
            var split = result.Scenario(id)!;
            Assert.Single(split.Quorum.Partitions, p => p.IsQuorate);
            Assert.False(split.Quorum.SplitBrain);
        }
        Assert.True(result.Scenario("split:room-a|room-b+witness")!.Quorum.Partitions.Single(p => p.IsQuorate).Partition.Nodes.SequenceEqual(["pve-b1", "pve-b2"]));

        var witness = result.Scenario("site:witness")!;
        Assert.True(Assert.Single(witness.Quorum.Partitions).IsQuorate);
    }

    [Fact]
    public void Strict_affinity_to_one_site_strands_the_vm_when_that_site_is_lost()
    {
        const string rules = "node-affinity: vm101-in-a\n\tresources vm:101\n\tnodes pve-a1,pve-a2\n\tstrict 1\n";
        var result = Simulator.Run(Cluster(qdevice: true, rules), maxFailures: 1);

        var vm101 = result.Scenario("site:room-a")!.Ha.Plan!.Service("vm:101")!;
        Assert.Equal(PlacementOutcome.NoRecoveryNode, vm101.Outcome);
        Assert.Null(vm101.To);
        var nodeLoss = result.Scenario("node:pve-a1")!.Ha.Plan!.Service("vm:101")!;
        Assert.Equal("pve-a2", nodeLoss.To);
    }

    [Fact]
    public void Rules_the_ha_core_drops_do_not_constrain_recovery()
    {
        // vm:101 in two node-affinity rules: the HA core drops both, so it may recover anywhere.
        const string rules = "node-affinity: only-a1\n\tresources vm:101\n\tnodes pve-a1\n\tstrict 1\n\n" +
                             "node-affinity: also-a1\n\tresources vm:101\n\tnodes pve-a1\n\tstrict 1\n";
        var result = Simulator.Run(Cluster(qdevice: true, rules), maxFailures: 1);

        var vm101 = result.Scenario("node:pve-a1")!.Ha.Plan!.Service("vm:101")!;
        Assert.Equal(PlacementOutcome.Recovered, vm101.Outcome);
        Assert.NotNull(vm101.To);
    }

    [Fact]
    public void Without_corosync_conf_quorum_is_undecidable_and_nothing_is_guessed()
    {
        var model = ClusterBinder.Bind(ConfigTree.FromTexts(new Dictionary<string, string>
        {
            ["etc/pve/nodes/pve1/qemu-server/100.conf"] = "memory: 512\n",
            ["etc/pve/nodes/pve2/qemu-server/101.conf"] = "memory: 512\n",
        }));
        var result = Simulator.Run(model, maxFailures: 1);
        Assert.All(result.Scenarios, v =>
        {
            Assert.True(v.Quorum.IsUndecidable);
            Assert.Contains("no corosync.conf", v.Quorum.Undecidable);
        });
        Assert.Contains(result.Notes, n => n.Contains("No sites are known"));
    }

    [Fact]
    public void The_result_is_computed_once_per_model()
    {
        var model = Cluster(qdevice: true);
        Assert.Same(Simulator.For(model), Simulator.For(model));
        Assert.Equal(2, Simulator.For(model).MaxFailures);
    }
}
