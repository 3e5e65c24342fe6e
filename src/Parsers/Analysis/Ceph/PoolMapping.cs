using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.Ceph;

/// <summary>
/// The raw CRUSH mapping of every PG of a pool over one weight vector (reference/ceph-stretch.md §4.1 steps 1–2).
/// OSDs that are merely down stay in the raw mapping, so one mapping answers every failure set at
/// <see cref="FailureStage.Down"/>: the failure simulation maps each pool once and only filters per scenario.
/// </summary>
public sealed class PoolMapping
{
    private readonly int[][] pgs;
    private readonly int maxOsd;

    private PoolMapping(CephPool pool, int[][] pgs)
    {
        Pool = pool;
        this.pgs = pgs;
        maxOsd = pgs.SelectMany(pg => pg).DefaultIfEmpty(-1).Max();
    }

    public CephPool Pool { get; }

    public int PgCount => pgs.Length;

    /// <summary>The OSDs PG <paramref name="ps"/> maps to (holes left out), and the placement seed it was mapped from.</summary>
    internal (int Seed, int[] Osds) Pg(int ps) =>
        (CrushMapper.PlacementSeed(ps, Pool.PgpNum > 0 ? Pool.PgpNum : Pool.PgNum, Pool.Id, HashPsPool(Pool)), pgs[ps]);

    private static bool HashPsPool(CephPool pool) => pool.Flags.IsDefaultOrEmpty || pool.Flags.Contains("hashpspool");

    /// <summary>Maps every PG of <paramref name="pool"/> with <paramref name="rule"/>; the mapper must be exact and pg_num known.</summary>
    public static PoolMapping Map(CrushMapper mapper, CrushRule rule, CephPool pool, IReadOnlyList<uint> weights)
    {
        var hashPsPool = HashPsPool(pool);
        var mapped = Math.Min(pool.PgNum, PlacementCheck.MaxPgs);
        var pgs = new int[mapped][];
        for (var ps = 0; ps < mapped; ps++)
        {
            var x = CrushMapper.PlacementSeed(ps, pool.PgpNum > 0 ? pool.PgpNum : pool.PgNum, pool.Id, hashPsPool);
            pgs[ps] = mapper.Map(rule, x, pool.Size, weights)!.Where(o => o != CrushMapper.None).ToArray();
        }
        return new PoolMapping(pool, pgs);
    }

    /// <summary>
    /// The PGs that cannot serve I/O once <paramref name="failed"/> are down. <paramref name="effective"/> is the pool
    /// with the settings peering uses (e.g. degraded stretch mode's min_size 1); it must map like <see cref="Pool"/>.
    /// </summary>
    public PoolAvailability Availability(CrushHierarchy hierarchy, CephPool effective, IReadOnlySet<int> failed, FailureStage stage)
    {
        var barrier = effective.PeeringCrushBucketCount > 0 ? effective.PeeringCrushBucketBarrier : (int?)null;
        var inactive = new List<int>();
        var minSize = Math.Max(effective.MinSize, 1);
        // A bitmap, not set look-ups: this loop runs for every PG of every pool of every simulated scenario (the
        // simulation's sets are bitmaps already; others are copied into a mask).
        var dense = failed as DenseIntSet;
        var down = dense is null ? new bool[maxOsd + 1] : null;
        if (down is not null)
            foreach (var osd in failed)
                if (osd >= 0 && osd <= maxOsd) down[osd] = true;
        for (var ps = 0; ps < pgs.Length; ps++)
        {
            var surviving = 0;
            foreach (var osd in pgs[ps])
                if (osd < 0 || (down is null ? !dense!.Contains(osd) : osd >= down.Length || !down[osd])) surviving++;
            // Without a stretch barrier the count decides; only stretch pools need the acting set itself.
            if (barrier is null ? surviving < minSize : !PgAvailability.CanPeer(hierarchy, effective, pgs[ps].Where(o => !failed.Contains(o)).ToList(), barrier))
                inactive.Add(ps);
        }
        return new PoolAvailability(effective, stage, pgs.Length, inactive.Count, true, null, inactive.ToImmutableArray());
    }
}
