using System.Globalization;
using PveLint.Analysis.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Ceph;

/// <summary>PVE3006: declared round-trip time between the two data sites of a stretch cluster above 10 ms.</summary>
public sealed class StretchLatencyTooHigh : Rule
{
    public const double LimitMs = 10;

    public static readonly RuleMetadata Meta = Define(
        "PVE3006", "stretch-latency-too-high",
        "Declared RTT between the two data sites above 10 ms",
        Severity.Error, RuleCategory.Ceph,
        "Every write in a stretch cluster waits for the copies in the other site, so the round trip between the data sites adds to each write's latency. Red Hat OpenShift Data Foundation and IBM Storage Ceph support stretch clusters only up to 10 ms RTT between the data sites (the tiebreaker may be up to 100 ms away).",
        "Keep the two data sites within 10 ms RTT (measure with ping under load and set latency-ms in .pvelint.yaml to what you measured), or use asynchronous replication (RBD mirroring) between sites that are further apart.",
        "ceph", "stretch-mode", "latency");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var view = CephView.Of(model);
        if (!view.Stretch.Applies) yield break;
        var sites = view.DataSiteNames;
        for (var i = 0; i < sites.Length; i++)
        {
            for (var j = i + 1; j < sites.Length; j++)
            {
                if (Latency(model, view, sites[i], sites[j]) is not { } latency || latency.Milliseconds <= LimitMs) continue;
                var ms = latency.Milliseconds.ToString("0.###", CultureInfo.InvariantCulture);
                yield return Report(latency.Span,
                    $"The declared round-trip time between data sites {sites[i]} and {sites[j]} is {ms} ms, above the {LimitMs:0} ms that stretch clusters are supported with " +
                    $"({view.Stretch.Describe()}): every write waits for the copies in the other site, so each one takes at least {ms} ms longer.");
            }
        }
    }

    /// <summary>The latency declared between two sites, matching .pvelint.yaml site names to CRUSH sites through their nodes.</summary>
    private static SiteLatency? Latency(ClusterModel model, CephView view, string a, string b)
    {
        if (model.LatencyBetween(a, b) is { } direct) return direct;
        var crushSites = view.Stretch.Sites.Select(s => s.Name).ToList();
        string Of(string siteName) => model.SiteNamed(siteName) is { } site ? MonitorPlacement.CrushSiteOf(view.Hierarchy, site, crushSites) : siteName;
        return model.Latencies.FirstOrDefault(l => (Of(l.SiteA) == a && Of(l.SiteB) == b) || (Of(l.SiteA) == b && Of(l.SiteB) == a));
    }
}
