using System.Collections.Concurrent;
using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.Quorum;

/// <summary>
/// One failure from the steady state, in closed form, for the configurations where votequorum has no history to
/// replay: no two_node, wait_for_all, last_man_standing, auto_tie_breaker, allow_downscale or expected-votes
/// tracking. The steady state is every node joining one ring from the start-up numbers; after the failure each
/// node keeps the steady expected votes (raised if a partition's votes exceed them, as recalculate_quorum does) and the
/// steady quorum (it never decreases without those features), and is quorate when its partition's votes, plus the
/// QDevice's if qnetd acks it, reach that quorum. The full port replays every nodeinfo message of every member,
/// n² messages per sync; this is what lets a 64-node cluster's thousands of scenarios run in well under a second.
/// tests/…/SteadyStateShortcutTests checks it against the full port on generated configurations and failures.
/// </summary>
internal sealed class SteadyStateShortcut
{
    private static readonly OncePer<VoteConfig, SteadyStateShortcut?> Cache = new(static config => Create(VoteArithmetic.Of(config)));

    private readonly VoteArithmetic _arithmetic;
    private readonly StepOutcome? _steady;
    private readonly Dictionary<string, (int Id, uint Votes)> _nodes;
    private readonly int[] _allIds; // the steady membership, ascending (never written to: qnetd's ACK set may share it)
    private readonly QnetdArbiter? _steadyArbiter; // qnetd after the steady state, copied for each scenario (never decides itself)
    private readonly Dictionary<int, string> _names;
    private readonly PartitionExplainer _explainer;
    private readonly uint _steadyExpected;
    private readonly uint _steadyQuorum;
    // A node's view recurs across scenarios (a 64-node cluster's thousands of scenarios hold a few hundred distinct
    // ones): each is made once and shared, as the simulation keeps every scenario's verdict.
    private readonly ConcurrentDictionary<(string Node, uint Total, uint Expected, uint Quorum, bool Casts), NodeQuorum> _views = new();

    private SteadyStateShortcut(VoteArithmetic arithmetic, StepOutcome? steady, uint expected, uint quorum)
    {
        _arithmetic = arithmetic;
        _steady = steady;
        _steadyExpected = expected;
        _steadyQuorum = quorum;
        _nodes = arithmetic.Config.Nodes.ToDictionary(n => n.Name, n => (n.NodeId!.Value, (uint)n.Votes), StringComparer.Ordinal);
        _names = _nodes.ToDictionary(kv => kv.Value.Id, kv => kv.Key);
        _allIds = [.. _nodes.Values.Select(n => n.Id).Order()];
        _explainer = new PartitionExplainer(arithmetic, _names);
        if (arithmetic.HasQDevice && steady is not null)
        {
            // qnetd remembers which partition had the vote (keep_active_partition_tie_breaker) and, for lms, each
            // client's vote and membership: the steady state's decision, made once.
            _steadyArbiter = new QnetdArbiter(arithmetic, _names);
            _steadyArbiter.Decide([(_allIds, true)], _ => false);
        }
    }

    /// <summary>Whether the closed form holds for this configuration (see the summary).</summary>
    public static bool Applies(VoteArithmetic a) =>
        !a.TwoNode && !a.WaitForAll && !a.LastManStanding && a.AutoTieBreaker.Mode == TieBreakerMode.None
        && !a.Config.AllowDownscale && !a.ExpectedVotesTracking && QuorumEvaluator.WhyNotEvaluable(a) is null;

    /// <summary>The shortcut for <paramref name="config"/> (call only where <see cref="Applies"/>), or null when the steady state is not uniform.</summary>
    public static SteadyStateShortcut? For(VoteConfig config) => Cache.Of(config);

    /// <summary>
    /// The steady state in closed form too: every node joins one ring, from the start-up expected votes and quorum, as
    /// after a failure. The port would replay n² nodeinfo messages per member (a 64-node ring: a quarter of a million
    /// deliveries, in both orders); the tests hold the two equal.
    /// </summary>
    private static SteadyStateShortcut? Create(VoteArithmetic arithmetic)
    {
        var seed = new SteadyStateShortcut(arithmetic, steady: null, (uint)arithmetic.ExpectedVotes, (uint)arithmetic.Quorum);
        var joined = MembershipStep.Of(Partition.Of(arithmetic.Config.Nodes.Select(n => n.Name)));
        if (seed.Outcome(joined, fromSteadyState: false) is not { } steady) return null;
        var all = steady.Partitions.Single();
        // Every node must hold the same numbers, which the closed form starts from.
        if (all.State != QuorumState.Quorate || all.Nodes.Select(n => (n.ExpectedVotes, n.Quorum, n.CastsQDeviceVote)).Distinct().Count() != 1) return null;
        return new SteadyStateShortcut(arithmetic, steady, (uint)all.ExpectedVotes, (uint)all.Quorum);
    }

    /// <summary>The outcome of <paramref name="step"/> from the steady state, or null when the full port must decide.</summary>
    public QuorumOutcome? Evaluate(MembershipStep step) =>
        step.ResyncUnchangedPartitions || Outcome(step, fromSteadyState: true) is not { } outcome
            ? null
            : new QuorumOutcome(_arithmetic, _steady!, [outcome], null);

    /// <summary>Each partition's votes against the expected votes and quorum it starts from; null if qnetd's answer is undecidable.</summary>
    private StepOutcome? Outcome(MembershipStep step, bool fromSteadyState)
    {
        QnetdDecision? decision = null;
        if (_arithmetic.HasQDevice)
        {
            var partitions = new List<(int[] Nodes, bool Reaches)>(step.Partitions.Length);
            foreach (var p in step.Partitions)
            {
                // Ascending, so that an ACK of the whole partition keeps this array instead of a sorted copy.
                var ids = new int[p.Nodes.Length];
                for (var i = 0; i < ids.Length; i++) ids[i] = _nodes[p.Nodes[i]].Id;
                Array.Sort(ids);
                partitions.Add((ids, p.ReachesQDevice));
            }
            var arbiter = fromSteadyState ? _steadyArbiter!.Copy() : new QnetdArbiter(_arithmetic, _names);
            decision = arbiter.Decide(partitions, _ => fromSteadyState);   // every node was quorate in the steady state
            if (decision.Undecidable is not null) return null;
        }
        var qdeviceVotes = _arithmetic.HasQDevice ? (uint)_arithmetic.QDeviceVotes : 0;
        // Loops rather than queries: this runs for every scenario.
        var verdicts = ImmutableArray.CreateBuilder<PartitionVerdict>(step.Partitions.Length);
        foreach (var p in step.Partitions)
        {
            var nodeVotes = 0u;
            foreach (var n in p.Nodes) nodeVotes += (uint)_nodes[n].Votes;
            var expected = Math.Max(_steadyExpected, nodeVotes + qdeviceVotes);
            var quorum = Math.Max(_steadyQuorum, (expected + 2) / 2);
            var nodes = ImmutableArray.CreateBuilder<NodeQuorum>(p.Nodes.Length);
            foreach (var n in p.Nodes)
            {
                var casts = decision?.Ack.Contains(_nodes[n].Id) == true;
                var total = nodeVotes + (casts ? qdeviceVotes : 0);
                nodes.Add(_views.GetOrAdd((n, total, expected, quorum, casts),
                    static v => new NodeQuorum(v.Node, v.Total >= v.Quorum, (int)v.Total, (int)v.Expected, (int)v.Quorum, v.Casts)));
            }
            verdicts.Add(_explainer.Verdict(p, nodes.MoveToImmutable(), decision, instance: null));
        }
        return new StepOutcome(step, verdicts.MoveToImmutable(), decision?.Summary ?? "");
    }
}
