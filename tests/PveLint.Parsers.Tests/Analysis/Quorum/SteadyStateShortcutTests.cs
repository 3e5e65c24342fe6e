using System.Collections.Immutable;
using PveLint.Analysis.Quorum;

namespace PveLint.Parsers.Tests.Analysis.Quorum;

/// <summary>
/// The closed form that answers single failures of plain configurations must give exactly what the per-node
/// votequorum port gives (which is itself checked against corosync-vqsim): every node's flag and numbers, and the
/// explanation, on generated configurations, failures and netsplits, with and without a QDevice.
/// </summary>
public class SteadyStateShortcutTests
{
    [Fact]
    public void The_shortcut_equals_the_port_on_generated_plain_configurations()
    {
        var random = new Random(20261203);
        var compared = 0;
        for (var i = 0; i < 3000; i++)
        {
            var config = PlainConfig(random);
            var step = RandomStep(random, config);
            var arithmetic = VoteArithmetic.Of(config);
            if (!SteadyStateShortcut.Applies(arithmetic)) continue;
            var quick = QuorumEvaluator.EvaluateSequence(config, [step]);
            var port = QuorumEvaluator.EvaluateOnThePort(config, [step]);
            var context = $"case {i}: {Describe(config)} | step {string.Join(" ", step.Partitions)}";
            Assert.True(port.Partitions.Length == quick.Partitions.Length, context);
            if (quick.SteadyState != port.SteadyState)   // the shortcut answered: its steady state is its own too
                Assert.True(Same(port.SteadyState.Partitions.Single(), quick.SteadyState.Partitions.Single()),
                    $"{context}\n port steady:  {Dump(port.SteadyState.Partitions.Single())}\n quick steady: {Dump(quick.SteadyState.Partitions.Single())}");
            for (var p = 0; p < port.Partitions.Length; p++)
            {
                Assert.True(port.Partitions[p] == quick.Partitions[p] || Same(port.Partitions[p], quick.Partitions[p]),
                    $"{context}\n port:  {port.Partitions[p]} [{string.Join(", ", port.Partitions[p].Nodes)}]\n quick: {quick.Partitions[p]} [{string.Join(", ", quick.Partitions[p].Nodes)}]");
            }
            compared++;
        }
        Assert.True(compared > 1500, $"only {compared} cases were in the shortcut's class");
    }

    [Fact]
    public void Configurations_with_history_features_are_left_to_the_port()
    {
        // Four nodes: votequorum itself turns auto_tie_breaker off on an odd vote count.
        VoteConfig With(Func<VoteConfig, VoteConfig> change) => change(VoteConfig.Plain([new("a", 1, 1), new("b", 2, 1), new("c", 3, 1), new("d", 4, 1)]));
        Assert.True(SteadyStateShortcut.Applies(VoteArithmetic.Of(With(c => c))));
        Assert.False(SteadyStateShortcut.Applies(VoteArithmetic.Of(With(c => c with { WaitForAll = true }))));
        Assert.False(SteadyStateShortcut.Applies(VoteArithmetic.Of(With(c => c with { LastManStanding = true }))));
        Assert.False(SteadyStateShortcut.Applies(VoteArithmetic.Of(With(c => c with { AutoTieBreaker = true }))));
        Assert.False(SteadyStateShortcut.Applies(VoteArithmetic.Of(With(c => c with { AllowDownscale = true }))));
    }

    private static string Dump(PartitionVerdict v) =>
        $"{v.Partition} | {v.State} | {v.Explanation} | {string.Join(", ", v.Nodes)} | {(v.TotalVotes, v.ExpectedVotes, v.Quorum, v.QDeviceVote)}";

    private static bool Same(PartitionVerdict a, PartitionVerdict b) =>
        a.Partition.Nodes.SequenceEqual(b.Partition.Nodes) && a.Partition.ReachesQDevice == b.Partition.ReachesQDevice && a.State == b.State && a.Explanation == b.Explanation && a.Nodes.SequenceEqual(b.Nodes)
        && (a.TotalVotes, a.ExpectedVotes, a.Quorum, a.QDeviceVote) == (b.TotalVotes, b.ExpectedVotes, b.Quorum, b.QDeviceVote);

    private static VoteConfig PlainConfig(Random random)
    {
        var count = random.Next(1, 13);
        var ids = Enumerable.Range(1, 40).OrderBy(_ => random.Next()).Take(count).ToArray();
        var nodes = ids.Select((id, i) => new VoteNode($"n{i}", id, random.Next(10) < 8 ? 1 : random.Next(0, 4))).ToImmutableArray();
        QDeviceSettings? qdevice = random.Next(3) == 0 ? null : new QDeviceSettings(
            random.Next(3) == 0 ? random.Next(1, 4) : null,
            random.Next(2) == 0 ? QDeviceSettings.FiftyFiftySplit : QDeviceSettings.LastManStanding,
            random.Next(3) switch { 0 => "lowest", 1 => "highest", _ => ids[random.Next(count)].ToString(System.Globalization.CultureInfo.InvariantCulture) },
            "10.9.0.5");
        var votes = nodes.Sum(n => n.Votes);
        int? expected = random.Next(5) == 0 ? Math.Max(1, votes + random.Next(-2, 3)) : null;
        return VoteConfig.Plain(nodes, qdevice) with { ExpectedVotes = expected };
    }

    private static MembershipStep RandomStep(Random random, VoteConfig config)
    {
        var groups = random.Next(1, 4);
        var assignment = config.Nodes.Select(n => (n.Name, Group: random.Next(-1, groups))).ToList();
        var partitions = Enumerable.Range(0, groups)
            .Select(g => assignment.Where(a => a.Group == g).Select(a => a.Name).ToList())
            .Where(p => p.Count > 0)
            .Select(p => Partition.Of(p, reachesQDevice: random.Next(4) != 0))
            .ToArray();
        return MembershipStep.Of(partitions);
    }

    private static string Describe(VoteConfig c) =>
        string.Join(",", c.Nodes.Select(n => $"{n.Name}#{n.NodeId}:{n.Votes}")) + $" ev={c.ExpectedVotes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"
        + (c.QDevice is { } q ? $" qd={q.Algorithm}/{q.TieBreaker}/{q.Votes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto"}" : "");
}
