using PveLint.Analysis.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Ceph;

/// <summary>PVE3010: min_size 1 outside degraded stretch mode.</summary>
public sealed class PoolMinSizeOne : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE3010", "pool-min-size-one",
        "A pool with min_size 1 outside degraded stretch mode",
        Severity.Error, RuleCategory.Ceph,
        "min_size is the number of copies a PG must have before Ceph accepts I/O on it. At 1, Ceph acknowledges writes that exist on a single OSD; if that OSD fails before recovery has copied them, the writes are lost (and the PG may have to be marked lost by hand). Only degraded stretch mode sets min_size 1 on purpose, for the time a site is down.",
        "Set min_size 2 (with size 3, or size 4 in a stretch cluster): 'ceph osd pool set <pool> min_size 2'.",
        "ceph", "pools", "data-loss");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var layout = CephView.Of(model).Stretch;
        foreach (var pool in model.Ceph.Pools.Where(p => p.MinSize <= 1))
        {
            if (layout.Degraded && layout.Pools.Contains(pool)) continue;
            var copies = pool.Size <= 1 ? $"size {pool.Size}: the pool keeps a single copy of everything" : $"size {pool.Size}";
            yield return Report(pool.Span,
                $"Pool '{pool.Name}' has min_size {pool.MinSize} ({copies}): Ceph acknowledges writes held by one OSD only, so one more failure before recovery loses acknowledged writes.");
        }
    }
}
