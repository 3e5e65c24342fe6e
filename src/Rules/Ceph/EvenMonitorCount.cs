using PveLint.Analysis.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Ceph;

/// <summary>PVE3007: an even number of monitors outside stretch mode.</summary>
public sealed class EvenMonitorCount : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE3007", "even-monitor-count",
        "An even number of monitors outside stretch mode",
        Severity.Warning, RuleCategory.Ceph,
        "Monitor quorum is a strict majority of the monitor map: 4 monitors tolerate one failure, exactly like 3, and split 2+2 they tolerate none. The extra monitor adds load and a failure candidate without adding fault tolerance. (Stretch mode's 2+2+1 layout is odd; an even count there is reported by the stretch rules.)",
        "Run an odd number of monitors: 3 for most clusters, 5 for large ones; remove one or add a third-location monitor.",
        "ceph", "monitors", "quorum");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var view = CephView.Of(model);
        var monitors = view.Monitors;
        if (view.Stretch.Kind == StretchKind.Enabled || monitors.Length == 0 || monitors.Length % 2 != 0) yield break;
        var n = monitors.Length;
        var tolerated = (n - 1) / 2;
        var first = monitors.FirstOrDefault(m => m.Span is not null);
        yield return Report(first?.Span,
            $"The cluster has {n} monitors ({CephText.List(monitors.Select(m => m.Describe()))}): quorum needs {n / 2 + 1}, so it survives only {tolerated} monitor failure{(tolerated == 1 ? "" : "s")}, " +
            $"no more than {n - 1} monitors would; an odd number gives the same protection with one monitor less, or more with one more.",
            monitors.Where(m => m.Span is not null && m != first).Select(m => new RelatedSpan(m.Span!.Value, $"mon.{m.Name}")));
    }
}
