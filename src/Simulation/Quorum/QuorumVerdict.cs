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

    private static readonly IReadOnlySet<string> NoNodes = System.Collections.Immutable.ImmutableHashSet<string>.Empty;

    public bool IsUndecidable => Undecidable is not null || Partitions.Any(p => p.State == QuorumState.Undecidable);

    public bool AnyQuorate => Partitions.Any(p => p.IsQuorate);

    /// <summary>Two or more partitions quorate at once.</summary>
    public bool SplitBrain => Partitions.Count(p => p.IsQuorate) > 1;

    /// <summary>The configuration the partitions were evaluated for (null for a verdict made by hand).</summary>
    public VoteConfig? Config { get; init; }

    /// <summary>The nodes that see themselves quorate (per node, so a divided partition counts its quorate members); a new set on each call.</summary>
    public IReadOnlySet<string> QuorateNodes
    {
        get
        {
            if (Config is { } config)
            {
                var configured = new ConfiguredNodeSet(config);
                AddQuorate(configured.Add);
                return configured;
            }
            var quorate = new HashSet<string>(Partitions.Sum(p => p.Partition.Nodes.Length), StringComparer.Ordinal);
            AddQuorate(n => quorate.Add(n));
            return quorate;
        }
    }

    private void AddQuorate(Action<string> add)
    {
        foreach (var p in Partitions)
        {
            if (p.Nodes.IsEmpty)
            {
                if (p.IsQuorate)
                    foreach (var n in p.Partition.Nodes) add(n);
                continue;
            }
            foreach (var n in p.Nodes)
                if (n.Quorate) add(n.Node);
        }
    }

    /// <summary>Nodes whose quorum pvelint could not decide; a new set on each call (an empty one shared when none).</summary>
    public IReadOnlySet<string> UndecidedNodes
    {
        get
        {
            if (!Partitions.Any(p => p.State == QuorumState.Undecidable)) return NoNodes; // asked for every scenario
            var undecided = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in Partitions)
                if (p.State == QuorumState.Undecidable) undecided.UnionWith(p.Partition.Nodes);
            return undecided;
        }
    }
}
