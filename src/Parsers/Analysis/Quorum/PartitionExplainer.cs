using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace PveLint.Analysis.Quorum;

/// <summary>A partition's verdict from its nodes' votequorum numbers: the state and the one-line explanation users read.</summary>
internal sealed class PartitionExplainer(VoteArithmetic arithmetic, IReadOnlyDictionary<int, string> names)
{
    /// <param name="instance">The first node's votequorum, for the flags behind the numbers; null when the numbers
    /// come from <see cref="SteadyStateShortcut"/>, where none of those features is configured.</param>
    public PartitionVerdict Verdict(Partition partition, ImmutableArray<NodeQuorum> nodes, QnetdDecision? decision, VotequorumInstance? instance)
    {
        if (nodes.IsEmpty) return new PartitionVerdict(partition, QuorumState.Inquorate, 0, 0, 0, false, "no nodes", nodes);
        var state = nodes.All(n => n.Quorate) ? QuorumState.Quorate : nodes.Any(n => n.Quorate) ? QuorumState.Divided : QuorumState.Inquorate;
        var first = nodes[0];
        var text = new StringBuilder(Explain(partition, first, instance, state));
        if (state == QuorumState.Divided)
            text.Append($" (only {string.Join(", ", nodes.Where(n => n.Quorate).Select(n => n.Node))} of the partition are quorate)");
        if (arithmetic.HasQDevice) text.Append("; ").Append(QDeviceClause(partition, nodes, decision!));
        if (instance is { LastManStandingLoweredExpected: true, Quorate: true })
            text.Append(CultureInfo.InvariantCulture,
                $"; last_man_standing: if nothing else changes within last_man_standing_window ({arithmetic.Config.LastManStandingWindowMs} ms), expected votes drop to {instance.ExpectedVotes} and quorum to {instance.Quorum}");
        return new PartitionVerdict(partition, state, first.TotalVotes, first.ExpectedVotes, first.Quorum, first.CastsQDeviceVote, text.ToString(), nodes);
    }

    private string Explain(Partition partition, NodeQuorum n, VotequorumInstance? node, QuorumState state)
    {
        var votes = $"{n.TotalVotes} of {n.ExpectedVotes} expected votes";
        if (n.CastsQDeviceVote) votes += $" ({n.TotalVotes - arithmetic.QDeviceVotes} from nodes + {arithmetic.QDeviceVotes} from the QDevice)";
        if (node is { WaitingForAll: true })
            return $"inquorate: wait_for_all holds it until all {n.ExpectedVotes} expected votes are present at once (it re-arms whenever the node is inquorate); {votes}";
        if (state != QuorumState.Inquorate && node is { QuorumForcedByTwoNode: true })
            return $"quorate: {votes}, but two_node forces quorum 1 while at most 2 nodes are members";
        if (state != QuorumState.Inquorate && node is { QuorateByTieBreaker: true })
            return $"quorate by auto_tie_breaker ({arithmetic.AutoTieBreaker.Describe()}): {votes} is exactly half, and the partition holds {TieBreakerNode(node)}";
        if (state != QuorumState.Inquorate) return $"quorate: {votes}, quorum {n.Quorum}";
        var why = $"inquorate: {votes}, quorum {n.Quorum}";
        if (arithmetic.AutoTieBreaker.Mode != TieBreakerMode.None && n.TotalVotes == n.ExpectedVotes / 2)
            why += $"; auto_tie_breaker ({arithmetic.AutoTieBreaker.Describe()}) gives the tie to the side holding {TieBreakerNode(node)}";
        return why;
    }

    private string TieBreakerNode(VotequorumInstance? node) => arithmetic.AutoTieBreaker.Mode switch
    {
        TieBreakerMode.Lowest => NodeName(node?.LowestNodeId ?? -1) + ", the lowest nodeid of the last quorate membership",
        TieBreakerMode.Highest => NodeName(node?.HighestNodeId ?? -1) + ", the highest nodeid of the last quorate membership",
        _ => "the first listed node (" + string.Join(" ", arithmetic.AutoTieBreaker.NodeIds.Select(NodeName)) + ") not possibly on the other side",
    };

    private string NodeName(int id) => names.TryGetValue(id, out var n) ? $"node {id} ({n})" : $"node {id}";

    private static string QDeviceClause(Partition partition, ImmutableArray<NodeQuorum> nodes, QnetdDecision decision)
    {
        if (!partition.ReachesQDevice && !nodes.Any(n => n.CastsQDeviceVote)) return "no QDevice vote: the partition cannot reach the QDevice host";
        if (nodes.All(n => n.CastsQDeviceVote)) return "QDevice vote counted: " + decision.Summary;
        if (nodes.Any(n => n.CastsQDeviceVote)) return "QDevice vote counted on " + string.Join(", ", nodes.Where(n => n.CastsQDeviceVote).Select(n => n.Node)) + " only: " + decision.Summary;
        return "no QDevice vote: " + decision.Summary;
    }
}
