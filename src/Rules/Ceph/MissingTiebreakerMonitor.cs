using PveLint.Analysis.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Ceph;

/// <summary>PVE3002: monitors split evenly between two data sites, none in a third location.</summary>
public sealed class MissingTiebreakerMonitor : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE3002", "missing-tiebreaker-monitor",
        "Monitors split evenly between two data sites with no tiebreaker in a third",
        Severity.Error, RuleCategory.Ceph,
        "Monitor quorum needs a strict majority of all monitors in the monitor map. With the monitors split evenly between two sites (2+2, 3+3), losing either site, or the link between them, leaves exactly half: no quorum, and the whole cluster stops taking map changes and new clients (seen in the lab: 4 monitors 2+2, two left, 'ceph -s' timed out). Ceph's stretch mode refuses such a layout.",
        "Add a tiebreaker monitor in a third location (a small VM or host at another site; it may have higher latency), give it a crush_location of its own, and for stretch mode name it with 'ceph mon enable_stretch_mode <tiebreaker> <rule> datacenter'.",
        "ceph", "monitors", "quorum", "stretch-mode");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var view = CephView.Of(model);
        var monitors = view.Monitors;
        if (monitors.Length < 2 || monitors.Any(m => m.Site is null)) yield break;
        var bySite = monitors.GroupBy(m => m.Site!, StringComparer.Ordinal).ToList();
        if (bySite.Count != 2 || bySite[0].Count() != bySite[1].Count()) yield break;
        var dataSites = view.DataSiteNames;
        if (!dataSites.IsEmpty && !bySite.All(g => dataSites.Contains(g.Key))) yield break;

        var half = bySite[0].Count();
        var quorum = monitors.Length / 2 + 1;
        var split = string.Join(" and ", bySite.Select(g => $"{g.Key} ({CephText.List(g.Select(m => "mon." + m.Name))})"));
        var first = monitors.FirstOrDefault(m => m.Span is not null);
        yield return Report(first?.Span,
            $"The {monitors.Length} monitors are split {half}+{half} between {split}, with none in a third location: losing either site, " +
            $"or the link between them, leaves {half} of {monitors.Length}, below the quorum of {quorum}, and Ceph stops (no map changes, no new clients).",
            monitors.Where(m => m.Span is not null && m != first).Select(m => new RelatedSpan(m.Span!.Value, $"mon.{m.Name} in {m.Site} ({m.Basis})")));
    }
}
