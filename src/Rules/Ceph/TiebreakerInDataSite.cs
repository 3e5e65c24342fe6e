using PveLint.Analysis.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Ceph;

/// <summary>PVE3008: the tiebreaker monitor located in one of the data sites.</summary>
public sealed class TiebreakerInDataSite : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE3008", "tiebreaker-in-data-site",
        "The tiebreaker monitor located in one of the data sites",
        Severity.Error, RuleCategory.Ceph,
        "The tiebreaker exists to survive the loss of either data site: with it inside site A, losing site A takes the tiebreaker too and leaves site B's monitors without quorum, so the cluster stops exactly when stretch mode should carry it through. Ceph refuses to name a tiebreaker that shares a CRUSH bucket with other monitors, but a location changed later, or a third site that also holds OSDs, is not checked.",
        "Run the tiebreaker monitor in a third location that holds no OSDs and is not a datacenter bucket of the CRUSH map, and set its location there ('ceph mon set_location <mon> datacenter=site3').",
        "ceph", "monitors", "stretch-mode", "quorum");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var view = CephView.Of(model);
        var monitors = view.Monitors;
        var dataSites = view.DataSiteNames;
        var reported = false;
        foreach (var tiebreaker in monitors.Where(m => m.IsTiebreaker && m.Site is not null && dataSites.Contains(m.Site)))
        {
            reported = true;
            var others = monitors.Where(m => m != tiebreaker && m.Site == tiebreaker.Site).ToList();
            var holdsOsds = view.Stretch.Sites.Any(s => s.Name == tiebreaker.Site);
            var why = holdsOsds ? $"{tiebreaker.Site} holds OSDs" : $"{tiebreaker.Site} is a data site";
            var quorum = monitors.Length / 2 + 1;
            var left = monitors.Count(m => m.Site != tiebreaker.Site);
            var consequence = left < quorum
                ? $"losing {tiebreaker.Site} takes the tiebreaker with it, and the remaining monitors ({Remaining(monitors, tiebreaker.Site!)}) cannot form a quorum of {quorum}"
                : $"losing {tiebreaker.Site} takes the tiebreaker and that site's OSDs at once, leaving no tiebreaker for the next site loss or netsplit; the tiebreaker's location must hold no OSDs (Ceph: it should not even be a bucket of the CRUSH map)";
            yield return Report(tiebreaker.Span,
                $"The tiebreaker monitor mon.{tiebreaker.Name} is located in {tiebreaker.Site} ({tiebreaker.Basis}), and {why}" +
                (others.Count > 0 ? $" with {CephText.List(others.Select(m => "mon." + m.Name))}" : "") + $": {consequence}.",
                others.Where(m => m.Span is not null).Select(m => new RelatedSpan(m.Span!.Value, $"mon.{m.Name} in {m.Site}")));
        }
        if (reported || !view.Stretch.Applies || monitors.Length % 2 == 0 || monitors.Any(m => m.Site is null)) yield break;

        // No tiebreaker named, every monitor in one of exactly two data sites: the odd one out sits in the larger site.
        var bySite = monitors.GroupBy(m => m.Site!, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ToList();
        if (bySite.Count != 2 || !bySite.All(g => dataSites.Contains(g.Key))) yield break;
        var larger = bySite[0].ToList();
        var odd = larger[^1];
        yield return Report(odd.Span,
            $"{CephText.Sentence(view.Stretch.Describe())}, and all {monitors.Length} monitors are in the two data sites ({larger.Count} in {bySite[0].Key}, {bySite[1].Count()} in {bySite[1].Key}): " +
            $"the odd monitor that should be the tiebreaker (mon.{odd.Name}) is inside {bySite[0].Key}, so losing {bySite[0].Key} leaves {bySite[1].Count()} of {monitors.Length}, below the quorum of {monitors.Length / 2 + 1}.",
            larger.Where(m => m != odd && m.Span is not null).Select(m => new RelatedSpan(m.Span!.Value, $"mon.{m.Name} in {m.Site}")));
    }

    private static string Remaining(IEnumerable<MonitorSite> monitors, string lostSite)
    {
        var left = monitors.Where(m => m.Site != lostSite).ToList();
        return left.Count == 0 ? "none" : $"{left.Count}: {CephText.List(left.Select(m => "mon." + m.Name))}";
    }
}
