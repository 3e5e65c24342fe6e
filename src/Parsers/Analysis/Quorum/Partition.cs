using System.Collections.Immutable;

namespace PveLint.Analysis.Quorum;

/// <summary>
/// A group of running nodes that can talk to each other (one corosync membership), and whether they reach the
/// QDevice host (corosync-qnetd). Nodes named in no partition of a failure are down.
/// </summary>
public sealed record Partition(ImmutableArray<string> Nodes, bool ReachesQDevice = true)
{
    public static Partition Of(params string[] nodes) => new(nodes.ToImmutableArray());

    public static Partition Of(IEnumerable<string> nodes, bool reachesQDevice = true) => new(nodes.ToImmutableArray(), reachesQDevice);

    public override string ToString() => "{" + string.Join(", ", Nodes) + "}" + (ReachesQDevice ? "" : " (no QDevice)");
}

/// <summary>
/// One membership change in a sequence: the partitions after it (nodes in none are down; a node that was down and
/// is listed again has rebooted). <see cref="LastManStandingWindowElapses"/>: the state lasts longer than
/// last_man_standing_window before the next step (the assumption stated in the explanation).
/// <see cref="ResyncUnchangedPartitions"/>: partitions whose membership did not change still go through a sync (a
/// token loss that re-forms the same ring, or corosync-vqsim's split and join, which resync every partition).
/// </summary>
public sealed record MembershipStep(
    ImmutableArray<Partition> Partitions,
    bool LastManStandingWindowElapses = true,
    bool ResyncUnchangedPartitions = false)
{
    public static MembershipStep Of(params Partition[] partitions) => new(partitions.ToImmutableArray());
}
