using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.Quorum;

/// <summary>
/// Which partitions keep quorum after a failure, with votequorum's arithmetic and a one-line explanation each.
/// <para>
/// The cluster starts in the steady state (every configured node up, in one partition, every node reaching the
/// QDevice host), then goes through the given membership change(s). Each node runs a port of votequorum
/// (<see cref="VotequorumInstance"/>), so wait_for_all (including its re-arming), two_node, last_man_standing,
/// auto_tie_breaker (lowest, highest, list), expected_votes_tracking/allow_downscale and the QDevice votes (automatic
/// N-1, explicit, the runtime N+1 rise) behave as in corosync 3.1.7; corosync-qnetd's ffsplit and lms decide who gets
/// the QDevice vote (<see cref="QnetdArbiter"/>). The port is checked against corosync-vqsim, the votequorum
/// simulator built from corosync's own votequorum.c (tests/oracles/vqsim).
/// </para>
/// <para>
/// Nothing is guessed: a configuration votequorum refuses, a node without a nodeid, a qnetd decision that depends
/// on the order its clients connected, or a votequorum result that depends on the order of nodeinfo messages gives
/// <see cref="QuorumState.Undecidable"/> with the reason. last_man_standing only lowers expected votes after
/// last_man_standing_window; a single failure is reported as right after it, with the lowered numbers stated as an
/// assumption ("if nothing else changes within the window").
/// </para>
/// Typical use by the simulation, one call per scenario:
/// <code>
/// var config = VoteConfig.From(model.Corosync);
/// var outcome = QuorumEvaluator.Evaluate(config, [Partition.Of("pve1", "pve2"), Partition.Of(["pve3", "pve4"], reachesQDevice: false)]);
/// foreach (var p in outcome.Partitions) Console.WriteLine(p);   // {pve1, pve2}: quorate: 3 of 5 votes, ...
/// </code>
/// </summary>
public static class QuorumEvaluator
{
    /// <summary>One failure from the steady state: the partitions after it; nodes in none of them are down.</summary>
    /// <exception cref="ArgumentException">A partition names a node that is not configured, or a node twice.</exception>
    public static QuorumOutcome Evaluate(VoteConfig config, IReadOnlyList<Partition> failure) =>
        EvaluateSequence(config, [new MembershipStep(failure.ToImmutableArray())]);

    /// <summary>Several membership changes in a row from the steady state (node loss, splits, rejoins, reboots).</summary>
    /// <exception cref="ArgumentException">A partition names a node that is not configured, or a node twice.</exception>
    public static QuorumOutcome EvaluateSequence(VoteConfig config, IReadOnlyList<MembershipStep> steps)
    {
        var arithmetic = VoteArithmetic.Of(config);
        foreach (var step in steps) Validate(config, step);

        if (WhyNotEvaluable(arithmetic) is { } why)
            return new QuorumOutcome(arithmetic, AllUndecidable(SteadyStep(config), why), steps.Select(s => AllUndecidable(s, why)).ToImmutableArray(), why);

        if (steps.Count == 1 && SteadyStateShortcut.Applies(arithmetic)
            && SteadyStateShortcut.For(config)?.Evaluate(steps[0]) is { } quick)
            return quick;
        return FullReplay(arithmetic, [SteadyStep(config), .. steps]);
    }

    /// <summary>Every configured node in one partition: where each sequence starts.</summary>
    private static MembershipStep SteadyStep(VoteConfig config) => MembershipStep.Of(Partition.Of(config.Nodes.Select(n => n.Name)));

    /// <summary><see cref="EvaluateSequence"/> without <see cref="SteadyStateShortcut"/>: the reference it is tested against.</summary>
    internal static QuorumOutcome EvaluateOnThePort(VoteConfig config, IReadOnlyList<MembershipStep> steps)
    {
        foreach (var step in steps) Validate(config, step);
        var arithmetic = VoteArithmetic.Of(config);
        return FullReplay(arithmetic, [SteadyStep(config), .. steps]);
    }

    /// <summary>Every step on the per-node port, in both message orders (the answer must not depend on it).</summary>
    private static QuorumOutcome FullReplay(VoteArithmetic arithmetic, List<MembershipStep> all)
    {
        var forward = new Run(arithmetic, reverseMessageOrder: false).Play(all);
        var backward = new Run(arithmetic, reverseMessageOrder: true).Play(all);
        var outcomes = forward.Zip(backward, OrderIndependent).ToImmutableArray();
        return new QuorumOutcome(arithmetic, outcomes[0], outcomes[1..], null);
    }

    private static readonly OncePer<VoteArithmetic, string?> Unevaluable = new(ComputeWhyNotEvaluable);

    /// <summary>Why no failure of this configuration can be evaluated, or null (asked once per scenario, computed once).</summary>
    public static string? WhyNotEvaluable(VoteArithmetic arithmetic) => Unevaluable.Of(arithmetic);

    private static string? ComputeWhyNotEvaluable(VoteArithmetic arithmetic)
    {
        var config = arithmetic.Config;
        if (config.Provider != VoteConfig.Votequorum)
            return config.Provider is null
                ? "quorum has no 'provider: corosync_votequorum', so corosync runs without votequorum"
                : $"the quorum provider is '{config.Provider}', not corosync_votequorum";
        if (!arithmetic.Refusals.IsEmpty)
            return $"votequorum refuses this configuration at start-up ('{arithmetic.Refusals[0].UpstreamMessage}'), so corosync does not run";
        if (config.Nodes.IsEmpty) return "corosync.conf lists no nodes";
        if (config.Nodes.FirstOrDefault(n => n.NodeId is null or <= 0) is { } noId)
            return $"node {noId.Name} has no valid nodeid";
        if (config.Nodes.GroupBy(n => n.NodeId).FirstOrDefault(g => g.Count() > 1) is { } shared)
            return $"nodes {string.Join(" and ", shared.Select(n => n.Name))} share nodeid {shared.Key}";
        if (config.Nodes.GroupBy(n => n.Name).FirstOrDefault(g => g.Count() > 1) is { } sameName)
            return $"two nodes are named {sameName.Key}";
        return null;
    }

    private static void Validate(VoteConfig config, MembershipStep step)
    {
        var seen = new bool[config.Nodes.Length]; // one per scenario: by position, not a set of names
        foreach (var partition in step.Partitions)
            foreach (var node in partition.Nodes)
            {
                var at = config.IndexOf(node);
                if (at < 0) throw new ArgumentException($"partition names node '{node}', which is not in the configuration", nameof(step));
                if (seen[at]) throw new ArgumentException($"node '{node}' is in more than one partition", nameof(step));
                seen[at] = true;
            }
    }

    private static StepOutcome AllUndecidable(MembershipStep step, string why) =>
        new(step, step.Partitions.Select(p => PartitionVerdict.Undecidable(p, why)).ToImmutableArray(), "");

    /// <summary>votequorum's answer must not depend on the order in which the partition's nodeinfo messages arrive.</summary>
    private static StepOutcome OrderIndependent(StepOutcome a, StepOutcome b) =>
        a with
        {
            Partitions = a.Partitions.Zip(b.Partitions, (x, y) =>
                x.State != QuorumState.Undecidable && x.Nodes.Select(n => n.Quorate).SequenceEqual(y.Nodes.Select(n => n.Quorate))
                    ? x
                    : x.State == QuorumState.Undecidable ? x
                    : PartitionVerdict.Undecidable(x.Partition, "votequorum's answer depends on the order in which the nodes' messages arrive")).ToImmutableArray(),
        };

    private sealed class Run
    {
        private readonly VoteArithmetic _a;
        private readonly VotequorumCluster _cluster;
        private readonly QnetdArbiter _arbiter;
        private readonly Dictionary<string, int> _ids;
        private readonly Dictionary<int, string> _names;
        private readonly PartitionExplainer _explainer;

        public Run(VoteArithmetic arithmetic, bool reverseMessageOrder)
        {
            _a = arithmetic;
            _cluster = new VotequorumCluster(arithmetic, reverseMessageOrder);
            _ids = arithmetic.Config.Nodes.ToDictionary(n => n.Name, n => n.NodeId!.Value, StringComparer.Ordinal);
            _names = _ids.ToDictionary(kv => kv.Value, kv => kv.Key);
            _arbiter = new QnetdArbiter(arithmetic, _names);
            _explainer = new PartitionExplainer(arithmetic, _names);
        }

        public List<StepOutcome> Play(List<MembershipStep> steps)
        {
            var results = new List<StepOutcome>();
            string? earlier = null;
            foreach (var step in steps)
            {
                if (earlier is not null)
                {
                    results.Add(AllUndecidable(step, earlier));
                    continue;
                }
                var partitions = step.Partitions.Select(p => (Nodes: p.Nodes.Select(n => _ids[n]).ToArray(), Reaches: p.ReachesQDevice)).ToList();
                var decision = _a.HasQDevice ? _arbiter.Decide(partitions, id => _cluster.Node(id)?.Quorate == true) : null;
                if (decision?.Undecidable is { } qnetd)
                {
                    results.Add(new StepOutcome(step, step.Partitions.Select(p => p.ReachesQDevice
                        ? PartitionVerdict.Undecidable(p, qnetd)
                        : PartitionVerdict.Undecidable(p, "another partition's QDevice vote is undecidable: " + qnetd)).ToImmutableArray(), qnetd));
                    earlier = "an earlier step was undecidable";
                    continue;
                }
                _cluster.Change(partitions.Select(p => p.Nodes).ToList(), decision is null ? null : id => decision.Ack.Contains(id), step.ResyncUnchangedPartitions);
                var before = step.Partitions.Select(p => p.Nodes.Select(Snapshot).ToImmutableArray()).ToList();
                if (step.LastManStandingWindowElapses) _cluster.LastManStandingWindowElapses();
                var verdicts = step.Partitions.Select((p, i) => _explainer.Verdict(p, before[i], decision, before[i].IsEmpty ? null : _cluster.Node(_ids[before[i][0].Node]))).ToImmutableArray();
                results.Add(new StepOutcome(step, verdicts, decision?.Summary ?? ""));
            }
            return results;
        }

        private NodeQuorum Snapshot(string name)
        {
            var node = _cluster.Node(_ids[name])!;
            return new NodeQuorum(name, node.Quorate, (int)node.TotalVotes, (int)node.ExpectedVotes, (int)node.Quorum, node.CastsQDeviceVote);
        }
    }
}
