using PveLint.Binding;
using PveLint.Model;
using PveLint.Simulation.Scenarios;
using PveLint.Sources;

namespace PveLint.Simulation.Tests.Scenarios;

/// <summary>A cluster with very many nodes (damaged or hostile input) cannot make the simulation enumerate every pair.</summary>
public class ScenarioBudgetTests
{
    private static ClusterModel Nodes(int count)
    {
        var list = string.Concat(Enumerable.Range(1, count).Select(i =>
            $"  node {{\n    name: n{i}\n    nodeid: {i}\n    quorum_votes: 1\n    ring0_addr: 10.{i / 250}.{i % 250}.1\n  }}\n"));
        return ClusterBinder.Bind(ConfigTree.FromTexts(new Dictionary<string, string>
        {
            ["etc/pve/corosync.conf"] = $"nodelist {{\n{list}}}\n\nquorum {{\n  provider: corosync_votequorum\n}}\n\ntotem {{\n  cluster_name: t\n  config_version: 1\n  version: 2\n}}\n",
        }));
    }

    [Fact]
    public void A_cluster_of_usual_size_gets_every_pair()
    {
        var model = Nodes(64);
        Assert.Equal(2, ScenarioGenerator.AffordableFailures(model, 2, out var losses));
        Assert.Equal(64, losses);
        Assert.Equal(64 + 64 * 63 / 2, Simulator.Run(model, 2).Scenarios.Length);
    }

    [Fact]
    public void Too_many_pairs_fall_back_to_single_failures_and_say_so()
    {
        var model = Nodes(150);   // 150 + 11 175 combinations > 10 000
        var result = Simulator.Run(model, 2);

        Assert.Equal(1, result.MaxFailures);
        Assert.Equal(150, result.Scenarios.Length);
        Assert.Contains(result.Notes, n => n.Contains("only up to 1 simultaneous failures were simulated", StringComparison.Ordinal));
    }
}
