using System.Collections.Immutable;
using PveLint.Analysis.Quorum;
using PveLint.Simulation.Quorum;

namespace PveLint.Simulation.Tests.Quorum;

/// <summary>
/// A verdict that knows its configuration answers QuorateNodes with a bit per configured node; it must hold the same
/// nodes as the set of names a hand-made verdict gets, past 64 nodes (a second word of bits) too.
/// </summary>
public class QuorateNodesTests
{
    [Theory]
    [InlineData(3, 1)]
    [InlineData(64, 2)]
    [InlineData(70, 3)]
    [InlineData(130, 4)]
    public void The_configured_set_holds_the_same_nodes_as_a_set_of_names(int nodes, int seed)
    {
        var random = new Random(seed);
        var names = Enumerable.Range(1, nodes).Select(i => $"pve{i:D3}").ToArray();
        var config = VoteConfig.Plain(names.Select((n, i) => new VoteNode(n, i + 1, 1)));
        for (var round = 0; round < 50; round++)
        {
            var verdict = new QuorumVerdict(RandomPartitions(random, names), "", null);
            var byName = verdict.QuorateNodes;
            var configured = (verdict with { Config = config }).QuorateNodes;

            Assert.Equal(byName.Count, configured.Count);
            Assert.True(configured.SetEquals(byName));
            Assert.Equal(names.Where(byName.Contains), configured.ToList()); // in corosync.conf's order
            foreach (var name in names.Append("not-a-node")) Assert.Equal(byName.Contains(name), configured.Contains(name));
        }
    }

    /// <summary>Nodes dealt into up to four partitions (some down), each quorate, inquorate or divided node by node.</summary>
    private static ImmutableArray<PartitionVerdict> RandomPartitions(Random random, string[] names)
    {
        var groups = names.Where(_ => random.Next(5) > 0).GroupBy(_ => random.Next(4));
        return [.. groups.Select(g =>
        {
            var members = g.ToImmutableArray();
            var state = (QuorumState)random.Next(3);
            var perNode = state == QuorumState.Divided || random.Next(2) == 0
                ? members.Select(n => new NodeQuorum(n, state == QuorumState.Quorate || (state == QuorumState.Divided && random.Next(2) == 0), 1, 1, 1, false)).ToImmutableArray()
                : [];
            return new PartitionVerdict(new Partition(members), state, 1, 1, 1, false, "", perNode);
        })];
    }
}
