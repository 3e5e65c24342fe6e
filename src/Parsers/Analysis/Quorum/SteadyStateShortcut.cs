using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace PveLint.Analysis.Quorum;

/// <summary>
/// One failure from the steady state, in closed form, for the configurations where votequorum has no history to
/// replay: no two_node, wait_for_all, last_man_standing, auto_tie_breaker, allow_downscale or expected-votes
/// tracking. The steady state itself still comes from the full port (once per configuration); after the failure each
/// node keeps the steady expected votes (raised if a partition's votes exceed them, as recalculate_quorum does) and the
/// steady quorum (it never decreases without those features), and is quorate when its partition's votes, plus the
/// QDevice's if qnetd acks it, reach that quorum. The full port replays every nodeinfo message of every member,
/// n² messages per sync; this is what lets a 64-node cluster's thousands of scenarios run in well under a second.
/// tests/…/SteadyStateShortcutTests checks it against the full port on generated configurations and failures.
/// </summary>
internal sealed class SteadyStateShortcut
{
    private static readonly ConditionalWeakTable<VoteConfig, SteadyStateShortcut?> Cache = new();

    private readonly VoteArithmetic _arithmetic;
    private readonly StepOutcome _steady;
    private readonly Dictionary<string, (int Id, uint Votes)> _nodes;
    private readonly Dictionary<int, string> _names;
    private readonly PartitionExplainer _explainer;
    private readonly uint _steadyExpected;
    private readonly uint _steadyQuorum;

    private SteadyStateShortcut(VoteArithmetic arithmetic, StepOutcome steady, uint expected, uint quorum)
    {
        _arithmetic = arithmetic;
        _steady = steady;
        _steadyExpected = expected;
        _steadyQuorum = quorum;
        _nodes = arithmetic.Config.Nodes.ToDictionary(n => n.Name, n => (n.NodeId!.Value, (uint)n.Votes), StringComparer.Ordinal);
        _names = _nodes.ToDictionary(kv => kv.Value.Id, kv => kv.Key);
        _explainer = new PartitionExplainer(arithmetic, _names);
    }

    /// <summary>Whether the closed form holds for this configuration (see the summary).</summary>
    public static bool Applies(VoteArithmetic a) =>
        !a.TwoNode && !a.WaitForAll && !a.LastManStanding && a.AutoTieBreaker.Mode == TieBreakerMode.None
        && !a.Config.AllowDownscale && !a.ExpectedVotesTracking && QuorumEvaluator.WhyNotEvaluable(a) is null;

    /// <summary>The shortcut for <paramref name="config"/> (call only where <see cref="Applies"/>), or null when the steady state is not uniform.</summary>
    public static SteadyStateShortcut? For(VoteConfig config, VoteArithmetic arithmetic, Func<StepOutcome> steadyState) =>
        Cache.GetValue(config, _ => Create(arithmetic, steadyState()));

    private static SteadyStateShortcut? Create(VoteArithmetic arithmetic, StepOutcome steady)
    {
        var all = steady.Partitions.Single();
        // Every node must hold the same numbers, which the closed form starts from.
        if (all.State != QuorumState.Quorate || all.Nodes.Select(n => (n.ExpectedVotes, n.Quorum, n.CastsQDeviceVote)).Distinct().Count() != 1) return null;
        return new SteadyStateShortcut(arithmetic, steady, (uint)all.ExpectedVotes, (uint)all.Quorum);
    }

    /// <summary>The outcome of <paramref name="step"/> from the steady state, or null when the full port must decide.</summary>
    public QuorumOutcome? Evaluate(MembershipStep step)
    {
        if (step.ResyncUnchangedPartitions) return null;
        var partitions = step.Partitions.Select(p => (Nodes: p.Nodes.Select(n => _nodes[n].Id).ToArray(), Reaches: p.ReachesQDevice)).ToList();
        QnetdDecision? decision = null;
        if (_arithmetic.HasQDevice)
        {
            // qnetd remembers which partition had the vote (keep_active_partition_tie_breaker): replay the steady state first.
            var arbiter = new QnetdArbiter(_arithmetic, _names);
            arbiter.Decide([(_nodes.Values.Select(n => n.Id).ToArray(), true)], _ => false);
            decision = arbiter.Decide(partitions, _ => true);   // every node was quorate in the steady state
            if (decision.Undecidable is not null) return null;
        }
        var qdeviceVotes = _arithmetic.HasQDevice ? (uint)_arithmetic.QDeviceVotes : 0;
        var verdicts = step.Partitions.Select((p, i) =>
        {
            var nodeVotes = (uint)p.Nodes.Sum(n => _nodes[n].Votes);
            var expected = Math.Max(_steadyExpected, nodeVotes + qdeviceVotes);
            var quorum = Math.Max(_steadyQuorum, (byte)((expected + 2) / 2));
            var nodes = p.Nodes.Select(n =>
            {
                var casts = decision?.Ack.Contains(_nodes[n].Id) == true;
                var total = nodeVotes + (casts ? qdeviceVotes : 0);
                return new NodeQuorum(n, total >= quorum, (int)total, (int)expected, (int)quorum, casts);
            }).ToImmutableArray();
            return _explainer.Verdict(p, nodes, decision, instance: null);
        }).ToImmutableArray();
        return new QuorumOutcome(_arithmetic, _steady, [new StepOutcome(step, verdicts, decision?.Summary ?? "")], null);
    }
}
