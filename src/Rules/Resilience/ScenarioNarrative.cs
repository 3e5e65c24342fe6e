using System.Collections.Immutable;
using PveLint.Analysis.Quorum;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Simulation;
using PveLint.Text;

namespace PveLint.Rules.Resilience;

/// <summary>
/// Words and locations shared by the PVE6xxx rules: what a scenario did to quorum, fencing and HA services, said the
/// same way everywhere ("site room-a lost: 2 of 4 votes remain, quorum needs 3: no partition is quorate; pve-b1
/// self-fences about 70 s later; vm:102 stays down").
/// </summary>
internal static class ScenarioNarrative
{
    /// <summary>The votes of each partition against its quorum.</summary>
    public static string Votes(ScenarioVerdict verdict)
    {
        var partitions = verdict.Quorum.Partitions;
        if (partitions.IsEmpty) return "no node is left";
        if (partitions.Length == 1) return PartitionVotes(partitions[0], single: true);
        return string.Join("; ", partitions.Select(p => $"{Name(p)}: {PartitionVotes(p, single: false)}"));
    }

    private static string PartitionVotes(PartitionVerdict p, bool single) =>
        $"{p.TotalVotes} of {p.ExpectedVotes} votes{(single ? " remain" : "")}{(p.QDeviceVote ? " (with the QDevice's)" : "")}, quorum needs {p.Quorum}";

    private static string Name(PartitionVerdict p) => string.Join("+", p.Partition.Nodes);

    /// <summary>"pve-b1 and pve-b2 self-fence about 70 s later", or "" when no node fences.</summary>
    public static string Fencing(ScenarioVerdict verdict)
    {
        var fenced = verdict.Fencing.SelfFenced.ToList();
        if (fenced.Count == 0) return "";
        var seconds = verdict.Fencing.Nodes.First(n => n.ResetAfterSeconds is not null).ResetAfterSeconds;
        return $"{List(fenced)} self-fence{(fenced.Count == 1 ? "s" : "")} about {seconds} s later";
    }

    /// <summary>The HA services that run nowhere after the scenario (sid order).</summary>
    public static ImmutableArray<string> DownServices(SimulationResult result, ScenarioVerdict verdict)
    {
        if (verdict.Ha.Plan is { } plan) return plan.Stranded.Select(s => s.Sid).ToImmutableArray();
        if (verdict.Quorum.AnyQuorate || verdict.Quorum.IsUndecidable) return [];
        // No quorum anywhere: services of failed and self-fenced nodes are down, and nobody recovers them.
        return result.ServicesOn(verdict.Fencing.NodesToRecover).ToImmutableArray();
    }

    public static string List(IReadOnlyList<string> items, int max = 8) => MessageLists.Join(items, items.Count, max, andBeforeLast: true);

    /// <summary>The corosync.conf lines that decide quorum: the quorum block, else the nodelist.</summary>
    public static SourceSpan? QuorumSpan(ClusterModel model) => model.Corosync?.Quorum.Span ?? model.Corosync?.NodelistSpan;

    /// <summary>The declarations of the sites a scenario names, for related locations.</summary>
    public static IEnumerable<RelatedSpan> SiteSpans(ClusterModel model, IEnumerable<string> sites) =>
        sites.Select(model.SiteNamed).OfType<Site>().Where(s => s.Span is not null)
            .Select(s => new RelatedSpan(s.Span!.Value, $"site {s.Name}"));
}
