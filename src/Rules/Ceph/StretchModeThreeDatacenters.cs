using PveLint.Analysis.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Ceph;

/// <summary>PVE3003: stretch mode (enabled or stretch-shaped) with more than two dividing buckets holding OSDs.</summary>
public sealed class StretchModeThreeDatacenters : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE3003", "stretch-mode-three-datacenters",
        "Stretch mode with more than two datacenter buckets",
        Severity.Error, RuleCategory.Ceph,
        "Stretch mode divides the cluster into exactly two sites plus a tiebreaker. 'ceph mon enable_stretch_mode' refuses a CRUSH map with three datacenters ('there are 3datacenter's in the cluster but stretch mode currently only works with 2!'); a third one added after enabling is accepted but raises INCORRECT_NUM_BUCKETS_STRETCH_MODE, and the two-copies-per-site rule then lands on varying pairs of sites.",
        "Keep exactly two datacenter buckets with OSDs (the tiebreaker's location must not hold OSDs), or, for three zones, do without stretch mode: a rule with two copies in each of three datacenters (size 6, min_size 3), or Squid's per-pool stretch settings.",
        "ceph", "stretch-mode", "crush");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var layout = CephView.Of(model).Stretch;
        if (!layout.Applies || layout.Sites.Length <= 2) yield break;
        var extra = layout.Sites[2];
        var names = string.Join(", ", layout.Sites.Select(s => s.Name));
        var consequence = layout.Kind == StretchKind.Enabled
            ? "Ceph accepts such a map once stretch mode is on but raises HEALTH_WARN INCORRECT_NUM_BUCKETS_STRETCH_MODE, and the stretch rule's two copies per site land on varying pairs of datacenters"
            : "'ceph mon enable_stretch_mode' refuses it ('there are 3datacenter's in the cluster but stretch mode currently only works with 2!')";
        yield return Report(extra.Span,
            $"{CephText.Sentence(layout.Describe())}; the CRUSH map has {layout.Sites.Length} {layout.DividingType} buckets holding OSDs ({names}), and stretch mode works with exactly two: {consequence}.",
            layout.Sites.Where(s => s != extra).Select(s => new RelatedSpan(s.Span, $"{layout.DividingType} {s.Name}"))
                .Concat(layout.Rules.Take(1).Select(r => new RelatedSpan(r.Span, $"stretch rule '{r.Name}'"))));
    }
}
