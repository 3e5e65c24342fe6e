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
        // One builder per thread, one string per verdict: every partition of every scenario gets an explanation.
        var text = t_text ??= new StringBuilder(256);
        text.Clear();
        Explain(text, first, instance, state);
        if (state == QuorumState.Divided)
            text.Append(" (only ").AppendJoin(", ", nodes.Where(n => n.Quorate).Select(n => n.Node)).Append(" of the partition are quorate)");
        if (arithmetic.HasQDevice) QDeviceClause(text.Append("; "), partition, nodes, decision!);
        if (instance is { LastManStandingLoweredExpected: true, Quorate: true })
            text.Append(CultureInfo.InvariantCulture,
                $"; last_man_standing: if nothing else changes within last_man_standing_window ({arithmetic.Config.LastManStandingWindowMs} ms), expected votes drop to {instance.ExpectedVotes} and quorum to {instance.Quorum}");
        return new PartitionVerdict(partition, state, first.TotalVotes, first.ExpectedVotes, first.Quorum, first.CastsQDeviceVote, text.ToString(), nodes);
    }

    [ThreadStatic] private static StringBuilder? t_text;

    private void Explain(StringBuilder text, NodeQuorum n, VotequorumInstance? node, QuorumState state)
    {
        void Votes()
        {
            text.Append(CultureInfo.InvariantCulture, $"{n.TotalVotes} of {n.ExpectedVotes} expected votes");
            if (n.CastsQDeviceVote)
                text.Append(CultureInfo.InvariantCulture, $" ({n.TotalVotes - arithmetic.QDeviceVotes} from nodes + {arithmetic.QDeviceVotes} from the QDevice)");
        }
        if (node is { WaitingForAll: true })
        {
            text.Append(CultureInfo.InvariantCulture, $"inquorate: wait_for_all holds it until all {n.ExpectedVotes} expected votes are present at once (it re-arms whenever the node is inquorate); ");
            Votes();
        }
        else if (state != QuorumState.Inquorate && node is { QuorumForcedByTwoNode: true })
        {
            text.Append("quorate: ");
            Votes();
            text.Append(", but two_node forces quorum 1 while at most 2 nodes are members");
        }
        else if (state != QuorumState.Inquorate && node is { QuorateByTieBreaker: true })
        {
            text.Append("quorate by auto_tie_breaker (").Append(arithmetic.AutoTieBreaker.Describe()).Append("): ");
            Votes();
            text.Append(" is exactly half, and the partition holds ").Append(TieBreakerNode(node));
        }
        else
        {
            text.Append(state != QuorumState.Inquorate ? "quorate: " : "inquorate: ");
            Votes();
            text.Append(CultureInfo.InvariantCulture, $", quorum {n.Quorum}");
            if (state == QuorumState.Inquorate && arithmetic.AutoTieBreaker.Mode != TieBreakerMode.None && n.TotalVotes == n.ExpectedVotes / 2)
                text.Append("; auto_tie_breaker (").Append(arithmetic.AutoTieBreaker.Describe()).Append(") gives the tie to the side holding ").Append(TieBreakerNode(node));
        }
    }

    private string TieBreakerNode(VotequorumInstance? node) => arithmetic.AutoTieBreaker.Mode switch
    {
        TieBreakerMode.Lowest => NodeName(node?.LowestNodeId ?? -1) + ", the lowest nodeid of the last quorate membership",
        TieBreakerMode.Highest => NodeName(node?.HighestNodeId ?? -1) + ", the highest nodeid of the last quorate membership",
        _ => "the first listed node (" + string.Join(" ", arithmetic.AutoTieBreaker.NodeIds.Select(NodeName)) + ") not possibly on the other side",
    };

    private string NodeName(int id) => names.TryGetValue(id, out var n) ? $"node {id} ({n})" : $"node {id}";

    private static void QDeviceClause(StringBuilder text, Partition partition, ImmutableArray<NodeQuorum> nodes, QnetdDecision decision)
    {
        if (!partition.ReachesQDevice && !nodes.Any(n => n.CastsQDeviceVote)) text.Append("no QDevice vote: the partition cannot reach the QDevice host");
        else if (nodes.All(n => n.CastsQDeviceVote)) text.Append("QDevice vote counted: ").Append(decision.Summary);
        else if (nodes.Any(n => n.CastsQDeviceVote))
            text.Append("QDevice vote counted on ").AppendJoin(", ", nodes.Where(n => n.CastsQDeviceVote).Select(n => n.Node)).Append(" only: ").Append(decision.Summary);
        else text.Append("no QDevice vote: ").Append(decision.Summary);
    }
}
