using System.Globalization;
using PveLint.Analysis.Quorum;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using static PveLint.Rules.Quorum.QuorumPhrases;

namespace PveLint.Rules.Quorum;

/// <summary>PVE1004: a declared round-trip time between two sites that both hold cluster nodes: above 5 ms a warning, above 10 ms an error.</summary>
public sealed class CorosyncLatencyTooHigh : Rule
{
    public const double StableMs = 5;
    public const double LimitMs = 10;

    public static readonly RuleMetadata Meta = Define(
        "PVE1004", "corosync-latency-too-high",
        "Corosync links between sites with too much latency",
        Severity.Error, RuleCategory.Corosync,
        "Proxmox VE requires latencies under 5 ms between all nodes for corosync to operate stably; with more than three nodes and latencies above around 10 ms it rarely works. Slow token rotation means membership changes, retransmits and, with HA, nodes that lose quorum and fence themselves.",
        "Keep the cluster's nodes within one low-latency network (a campus, not a WAN); for sites further apart run separate clusters and replicate between them, or accept a design whose nodes all sit on the near side.",
        "network", "sites");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var sq = SiteQuorum.Of(model);
        foreach (var latency in model.Latencies)
        {
            if (latency.Milliseconds <= StableMs || latency.Span is not { } span) continue;
            var a = model.SiteNamed(latency.SiteA);
            var b = model.SiteNamed(latency.SiteB);
            if (a is null || b is null || !HoldsNodes(model, a) || !HoldsNodes(model, b)) continue;
            var ms = latency.Milliseconds.ToString("0.###", CultureInfo.InvariantCulture);
            var votes = sq is null ? "" : $" ({a.Name} holds {Votes(SiteVotes(sq, a))} and {b.Name} {Votes(SiteVotes(sq, b))} of {Total(sq.Arithmetic)})";
            var message = latency.Milliseconds > LimitMs
                ? $"Sites {a.Name} and {b.Name}{votes} are declared {ms} ms apart: above about {LimitMs:0} ms corosync rarely works (Proxmox requires under {StableMs:0} ms), so expect token timeouts, membership changes and HA fencing."
                : $"Sites {a.Name} and {b.Name}{votes} are declared {ms} ms apart, above the {StableMs:0} ms Proxmox requires for corosync to operate stably.";
            var related = new[] { SiteLocation(a, $"site {a.Name}"), SiteLocation(b, $"site {b.Name}") }.OfType<RelatedSpan>();
            var finding = Report(span, message, related);
            yield return latency.Milliseconds > LimitMs ? finding : finding with { Severity = Severity.Warning };
        }
    }

    private static bool HoldsNodes(ClusterModel model, Site site) => site.Nodes.Any(n => model.Node(n) is not null);

    private static int SiteVotes(SiteQuorum sq, Site site) => sq.DataSites.FirstOrDefault(s => s.Site == site)?.Votes ?? 0;
}
