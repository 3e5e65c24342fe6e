using PveLint.Analysis.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Ceph;

/// <summary>PVE3001: hdd-class OSDs in the data sites of a stretch cluster (enabled or stretch-shaped).</summary>
public sealed class StretchModeHdd : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE3001", "stretch-mode-hdd",
        "Stretch mode with hdd-class OSDs",
        Severity.Error, RuleCategory.Ceph,
        "When a site fails, stretch mode keeps every pool writable at min_size 1 until the lost site has fully recovered. Ceph's stretch-mode documentation therefore asks for SSD/NVMe OSDs only and calls HDD or hybrid setups not recommended (IBM: only flash is supported): HDD recovery keeps the single-copy window long. Ceph itself does not check this.",
        "Use SSD or NVMe OSDs in both data sites (device class ssd/nvme), or keep the HDDs out of the stretch cluster.",
        "ceph", "stretch-mode", "media");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var view = CephView.Of(model);
        var layout = view.Stretch;
        if (!layout.Applies || view.Hierarchy is not { } h) yield break;

        var perSite = layout.Sites
            .Select(site => (Site: site, Hdd: h.DevicesUnder(site.Id).Where(d => h.ClassOf(d) == "hdd").ToList(), All: h.DevicesUnder(site.Id).Count()))
            .Where(s => s.Hdd.Count > 0)
            .ToList();
        if (perSite.Count == 0) yield break;

        var devices = perSite.SelectMany(s => s.Hdd).Distinct().ToList();
        var first = h.Map.Devices.First(d => d.Id == devices[0]);
        var counts = string.Join(", ", perSite.Select(s => $"{s.Hdd.Count} of {s.All} in {s.Site.Name}"));
        var pools = model.Ceph.Pools.Where(p => view.RuleOf(p) is { } r && r.Steps.Any(st => st.Op == "take" && st.ItemClass is null or "hdd")).Select(p => $"'{p.Name}'").ToList();
        var usedBy = pools.Count > 0
            ? $" Pool{(pools.Count == 1 ? "" : "s")} {string.Join(", ", pools)} keep{(pools.Count == 1 ? "s" : "")} data on them."
            : " No pool's rule reaches them now (the rules take another class; enabling stretch mode moved every pool to the stretch rule), but they sit in the stretch sites.";
        var related = layout.Rules.Take(1).Select(r => new RelatedSpan(r.Span, $"stretch rule '{r.Name}'"))
            .Concat(perSite.Select(s => new RelatedSpan(s.Site.Span, $"site {s.Site.Name}: {s.Hdd.Count} hdd OSDs")));
        yield return Report(first.Span,
            $"{CephText.Sentence(layout.Describe())}; {devices.Count} OSDs in the data sites are hdd-class ({counts}: {CephText.List(devices.Select(h.NameOf))}): " +
            "after a site loss stretch mode runs every pool at min_size 1 until the site has recovered, and HDD recovery keeps that single-copy window long; " +
            $"Ceph recommends SSD/NVMe only for stretch clusters.{usedBy}",
            related);
    }
}
