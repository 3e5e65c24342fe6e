using PveLint.Analysis.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Ceph;

/// <summary>PVE3011: a pool whose rule spreads its copies over exactly two datacenters, without stretch mode.</summary>
public sealed class TwoSitesWithoutStretchMode : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE3011", "two-sites-without-stretch-mode",
        "A rule spreading replicas over two datacenters without stretch mode",
        Severity.Warning, RuleCategory.Ceph,
        "Without stretch mode Ceph does not know the two sites are sites. A plain rule puts some PGs' copies mostly in one site, so losing that site leaves them below min_size and I/O on them stops (in the lab: 13 of 33 PGs inactive after one of two sites went down); a netsplit between the sites can leave OSDs that cannot be marked down, which blocks I/O, and the monitors need a majority that one site alone rarely has.",
        "Enable stretch mode (5 monitors 2+2+tiebreaker, size 4 / min_size 2, two copies per site: 'ceph mon enable_stretch_mode'), or keep each pool inside one site and replicate between sites asynchronously (RBD mirroring).",
        "ceph", "stretch-mode", "crush", "availability");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var view = CephView.Of(model);
        if (view.Stretch.Kind == StretchKind.Enabled || view.Hierarchy is not { } h) yield break;
        foreach (var pool in model.Ceph.Pools.Where(p => p.PeeringCrushBucketCount == 0))
        {
            if (view.RuleOf(pool) is not { } rule || view.Placement(rule, pool.Size) is not { } placement) continue;
            var reached = placement.DomainsReached.ToList();
            if (reached.Count != 2) continue;

            var impacts = reached.Select(site => Impact(h, view, pool, site)).ToList();
            yield return Report(pool.Span,
                $"Pool '{pool.Name}' (size {pool.Size}, min_size {pool.MinSize}) spreads its copies over {placement.DomainType}s {reached[0]} and {reached[1]} with rule '{rule.Name}' " +
                $"({placement.StepsText}), but stretch mode is not enabled: {string.Join("; ", impacts)}; a netsplit between the sites can block I/O, and the monitors keep quorum only on a side with a majority of them.",
                [new RelatedSpan(rule.Span, $"rule '{rule.Name}'"), .. reached.Select(site => new RelatedSpan(h.Map.Bucket(site)!.Span, $"{placement.DomainType} {site}"))]);
        }
    }

    /// <summary>What losing one site does to the pool: PGs below min_size (exact when the map can be mapped, else worst case).</summary>
    private static string Impact(CrushHierarchy h, CephView view, CephPool pool, string site)
    {
        var failed = h.DevicesUnder(h.IdOf(site)!.Value).ToHashSet();
        var availability = view.DownAvailability(pool, failed)!;
        if (availability.Exact)
            return availability.PgsInactive == 0
                ? $"losing {site} leaves every PG at least min_size copies"
                : $"losing {site} leaves {availability.PgsInactive} of {availability.PgCount} PGs below min_size (I/O on them stops)";
        return availability.KeepsMinSize
            ? $"losing {site} leaves every PG at least min_size copies"
            : $"losing {site} can leave PGs below min_size (I/O on them stops)";
    }
}
