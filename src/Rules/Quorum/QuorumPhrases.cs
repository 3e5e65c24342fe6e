using PveLint.Analysis.Quorum;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Rules.Quorum;

/// <summary>The wording the quorum rules share: vote counts, what a failure leaves, and related locations.</summary>
internal static class QuorumPhrases
{
    public static string Votes(int n) => n == 1 ? "1 vote" : $"{n} votes";

    /// <summary>"4 votes, quorum 3" (or with a QDevice "5 votes with the QDevice's 1, quorum 3").</summary>
    public static string Total(VoteArithmetic a) =>
        a.HasQDevice ? $"{Votes(a.TotalVotes)} with the QDevice's {a.QDeviceVotes}, quorum {a.Quorum}" : $"{Votes(a.TotalVotes)}, quorum {a.Quorum}";

    /// <summary>What is left after a failure: "2 (inquorate)", "3 of 5 with the QDevice (quorate)", "2 on each side (inquorate)".</summary>
    public static string Leaves(QuorumOutcome outcome)
    {
        var parts = outcome.Partitions;
        if (parts.IsEmpty) return "nothing";
        if (parts.Length == 1) return Left(parts[0]);
        if (parts.All(p => p.TotalVotes == parts[0].TotalVotes && p.State == parts[0].State))
            return $"{parts[0].TotalVotes} on each side ({State(parts[0])})";
        return string.Join(" and ", parts.Select(p => $"{Left(p)} on {{{string.Join(", ", p.Partition.Nodes)}}}"));
    }

    private static string Left(PartitionVerdict p) =>
        p.State == QuorumState.Undecidable ? p.Explanation
        : p.QDeviceVote ? $"{p.TotalVotes} with the QDevice ({State(p)})"
        : $"{p.TotalVotes} ({State(p)})";

    private static string State(PartitionVerdict p) => p.State switch
    {
        QuorumState.Quorate => "quorate",
        QuorumState.Inquorate => "inquorate",
        QuorumState.Divided => "only some nodes quorate",
        _ => "undecidable",
    };

    /// <summary>True when the outcome leaves no quorate partition (decided, not undecidable).</summary>
    public static bool Stops(QuorumOutcome outcome) =>
        !outcome.AnyQuorate && outcome.Partitions.All(p => p.State != QuorumState.Undecidable);

    public static RelatedSpan? SiteLocation(Site site, string message) => site.Span is { } span ? new RelatedSpan(span, message) : null;

    public static IEnumerable<RelatedSpan> NodeLocations(CorosyncModel corosync, IEnumerable<string> names, string message) =>
        corosync.Nodes.Where(n => names.Contains(n.Name.Value)).Select(n => new RelatedSpan(n.Span, message));

    /// <summary>The quorum block, else the nodelist, else the file: where a whole-cluster quorum finding points.</summary>
    public static SourceSpan QuorumLocation(CorosyncModel corosync) =>
        corosync.Quorum.Span ?? corosync.NodelistSpan ?? SourceSpan.WholeFile(corosync.Path);
}
