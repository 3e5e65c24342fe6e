using System.Collections.Immutable;
using PveLint.Analysis.Quorum;

namespace PveLint.Simulation.Quorum;

/// <summary>
/// The quorum layer's verdict for one scenario: votequorum's verdict for every partition that still holds nodes,
/// qnetd's decision, and, when pvelint cannot decide without guessing, why.
/// </summary>
public sealed record QuorumVerdict(ImmutableArray<PartitionVerdict> Partitions, string QDeviceDecision, string? Undecidable)
{
    public static QuorumVerdict NotEvaluable(string why) => new([], "", why);

    public bool IsUndecidable => Undecidable is not null || Partitions.Any(p => p.State == QuorumState.Undecidable);

    public bool AnyQuorate => Partitions.Any(p => p.IsQuorate);

    /// <summary>Two or more partitions quorate at once.</summary>
    public bool SplitBrain => Partitions.Count(p => p.IsQuorate) > 1;

    /// <summary>The nodes that see themselves quorate (per node, so a divided partition counts its quorate members).</summary>
    public ImmutableHashSet<string> QuorateNodes => Partitions
        .SelectMany(p => p.Nodes.IsEmpty ? (p.IsQuorate ? p.Partition.Nodes.AsEnumerable() : []) : p.Nodes.Where(n => n.Quorate).Select(n => n.Node))
        .ToImmutableHashSet(StringComparer.Ordinal);

    /// <summary>Nodes whose quorum pvelint could not decide.</summary>
    public ImmutableHashSet<string> UndecidedNodes => Partitions.Where(p => p.State == QuorumState.Undecidable)
        .SelectMany(p => p.Partition.Nodes).ToImmutableHashSet(StringComparer.Ordinal);
}
