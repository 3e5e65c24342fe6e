using System.Collections.Immutable;

namespace PveLint.Analysis.Quorum;

public enum QuorumState
{
    Quorate,
    Inquorate,
    /// <summary>The nodes of one partition disagree (their histories differ, or only some count the QDevice vote).</summary>
    Divided,
    /// <summary>pvelint cannot tell without guessing; <see cref="PartitionVerdict.Explanation"/> says why.</summary>
    Undecidable,
}

/// <summary>One node's view after a step: votequorum's own numbers (corosync-quorumtool's Total votes, Expected votes, Quorum).</summary>
public sealed record NodeQuorum(string Node, bool Quorate, int TotalVotes, int ExpectedVotes, int Quorum, bool CastsQDeviceVote);

/// <summary>
/// The verdict for one partition: quorate or not, the arithmetic (total votes counted, expected votes, quorum; for
/// a <see cref="QuorumState.Divided"/> partition the values of its first node) and a one-line explanation.
/// </summary>
public sealed record PartitionVerdict(
    Partition Partition,
    QuorumState State,
    int TotalVotes,
    int ExpectedVotes,
    int Quorum,
    bool QDeviceVote,
    string Explanation,
    ImmutableArray<NodeQuorum> Nodes)
{
    public bool IsQuorate => State == QuorumState.Quorate;

    /// <summary>"{pve1, pve2}: 2 of 4 votes, quorum 3: inquorate".</summary>
    public override string ToString() => $"{Partition}: {Explanation}";

    internal static PartitionVerdict Undecidable(Partition partition, string why) =>
        new(partition, QuorumState.Undecidable, 0, 0, 0, false, "undecidable: " + why, []);
}

/// <summary>The verdicts after one step of a sequence (or after the failure of <see cref="QuorumEvaluator.Evaluate"/>).</summary>
public sealed record StepOutcome(MembershipStep Step, ImmutableArray<PartitionVerdict> Partitions, string QDeviceDecision)
{
    public IEnumerable<PartitionVerdict> Quorate => Partitions.Where(p => p.IsQuorate);

    /// <summary>More than one partition is quorate: split brain (two_node, or auto_tie_breaker after a resync).</summary>
    public bool SplitBrain => Partitions.Count(p => p.IsQuorate) > 1;

    public bool AnyUndecidable => Partitions.Any(p => p.State == QuorumState.Undecidable);
}

/// <summary>
/// The outcome of <see cref="QuorumEvaluator"/>: the arithmetic, the steady state (every node up, one partition)
/// and the verdicts after each step. <see cref="Undecidable"/> is set when no step could be evaluated at all (the
/// configuration is refused, a node has no nodeid, ...); every verdict then says so too.
/// </summary>
public sealed record QuorumOutcome(
    VoteArithmetic Arithmetic,
    StepOutcome SteadyState,
    ImmutableArray<StepOutcome> Steps,
    string? Undecidable)
{
    /// <summary>The verdicts after the (last) failure.</summary>
    public ImmutableArray<PartitionVerdict> Partitions => Steps.IsEmpty ? SteadyState.Partitions : Steps[^1].Partitions;

    public PartitionVerdict? PartitionOf(string node) => Partitions.FirstOrDefault(p => p.Partition.Nodes.Contains(node));

    public bool AnyQuorate => Partitions.Any(p => p.IsQuorate);
}
