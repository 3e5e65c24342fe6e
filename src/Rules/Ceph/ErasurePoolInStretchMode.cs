using PveLint.Analysis.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Ceph;

/// <summary>PVE3004: an erasure-coded pool in a stretch cluster (enabled or stretch-shaped).</summary>
public sealed class ErasurePoolInStretchMode : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE3004", "erasure-pool-in-stretch-mode",
        "An erasure-coded pool in a stretch-mode cluster",
        Severity.Error, RuleCategory.Ceph,
        "Stretch mode supports only replicated pools: 'enable_stretch_mode' refuses while an erasure-coded pool exists ('stretched pools must be replicated'), and in stretch mode Ceph refuses to create one ('we are in stretch mode; cannot create EC pools!'). An EC pool spread over two sites also cannot keep k shards after a site loss.",
        "Move the data to a replicated pool on the stretch rule (size 4, min_size 2) and delete the erasure-coded pool before enabling stretch mode.",
        "ceph", "stretch-mode", "pools");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var view = CephView.Of(model);
        if (!view.Stretch.Applies) yield break;
        foreach (var pool in model.Ceph.Pools.Where(p => p.Type == "erasure"))
        {
            var profile = pool.ErasureCodeProfile is { } name && model.Ceph.ErasureCodeProfiles.TryGetValue(name, out var p)
                ? $" (profile {name}: k={p.GetValueOrDefault("k", "?")} m={p.GetValueOrDefault("m", "?")})"
                : "";
            var consequence = view.Stretch.Kind == StretchKind.Enabled
                ? "stretch mode supports only replicated pools and Ceph refuses to create erasure-coded pools in it"
                : "'ceph mon enable_stretch_mode' refuses while it exists ('stretched pools must be replicated; '" + pool.Name + "' is erasure-coded')";
            var rule = view.RuleOf(pool);
            yield return Report(pool.Span,
                $"Pool '{pool.Name}' is erasure-coded{profile}, and {view.Stretch.Describe()}: {consequence}.",
                rule is null ? null : [new RelatedSpan(rule.Span, $"rule '{rule.Name}' of pool '{pool.Name}'")]);
        }
    }
}
