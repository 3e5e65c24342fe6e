using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.Ceph;

/// <summary>
/// "Can this rule place size copies?" answered both ways: structurally (<see cref="Structural"/>: enough failure
/// domains with usable OSDs for every choice) and, when the map can be mapped exactly, by mapping every input (a pool's
/// PG seeds, or crushtool's x 0..1023) and counting the inputs that get fewer than size distinct usable OSDs
/// (<see cref="ShortInputs"/>).
/// <para>
/// The exact answer also catches what the structure cannot: CRUSH giving up after choose_total_tries retries when the
/// rule needs nearly every domain and their weights differ a lot (crushtool reports those inputs as bad mappings), and
/// <c>chooseleaf indep … type osd</c> keeping an out OSD in a position it could not fill (crushtool counts that
/// position as placed; the OSD holds nothing while it is out).
/// </para>
/// </summary>
public sealed record PlacementCheck(
    RulePlacement Structural,
    bool Exact,
    int Inputs,
    ImmutableArray<int> ShortInputs,
    int FewestCopies)
{
    public bool CanPlaceAll => Exact ? ShortInputs.IsEmpty : Structural.CanPlaceAll;

    /// <summary>The structure allows every copy, yet CRUSH's pseudo-random search runs out of tries for some inputs.</summary>
    public bool GivesUp => Exact && !ShortInputs.IsEmpty && Structural.CanPlaceAll;

    /// <summary>crushtool's x range when no pool says which inputs matter.</summary>
    public static IEnumerable<int> CrushtoolInputs => Enumerable.Range(0, 1024);

    /// <summary>More PGs than any real pool has (the mon caps pg_num per OSD); a dump claiming more is mapped this far.</summary>
    public const int MaxPgs = 1 << 17;

    /// <summary>The PG seeds of a pool (its placement inputs), or crushtool's x range when pg_num is unknown.</summary>
    public static IEnumerable<int> PoolInputs(CephPool pool)
    {
        if (pool.PgNum <= 0) return CrushtoolInputs;
        var hashPsPool = pool.Flags.IsDefaultOrEmpty || pool.Flags.Contains("hashpspool");
        var pgp = pool.PgpNum > 0 ? pool.PgpNum : pool.PgNum;
        return Enumerable.Range(0, Math.Min(pool.PgNum, MaxPgs)).Select(ps => CrushMapper.PlacementSeed(ps, pgp, pool.Id, hashPsPool));
    }

    public static PlacementCheck Run(CrushMapper mapper, CrushRule rule, int size, IReadOnlyList<uint> weights, IEnumerable<int> inputs, string? domainType = null)
    {
        var structural = CrushRuleEvaluator.Evaluate(mapper.Hierarchy, rule, size, weights, null, domainType);
        if (!mapper.IsExact) return new PlacementCheck(structural, false, 0, [], structural.Copies.Min);
        return Count(structural, size, weights, inputs.Select(x => (x, mapper.Map(rule, x, size, weights)!)));
    }

    /// <summary>As <see cref="Run"/> over a pool's PG seeds (<see cref="PoolInputs"/>), from a mapping already made (the simulation maps every PG too).</summary>
    public static PlacementCheck Of(CrushHierarchy hierarchy, PoolMapping mapping, CrushRule rule, IReadOnlyList<uint> weights, string? domainType = null)
    {
        var size = mapping.Pool.Size;
        var structural = CrushRuleEvaluator.Evaluate(hierarchy, rule, size, weights, null, domainType);
        return Count(structural, size, weights, Enumerable.Range(0, mapping.PgCount).Select(mapping.Pg));
    }

    /// <summary>How many distinct OSDs of a mapping are usable (not a hole, known, weighted): a loop over a few items, once per PG.</summary>
    private static int DistinctUsable(int[] osds, IReadOnlyList<uint> weights)
    {
        var count = 0;
        for (var i = 0; i < osds.Length; i++)
        {
            var o = osds[i];
            if (o == CrushMapper.None || o < 0 || o >= weights.Count || weights[o] == 0 || Array.IndexOf(osds, o, 0, i) >= 0) continue;
            count++;
        }
        return count;
    }

    /// <summary>Counts the inputs whose mapping holds fewer than size distinct usable OSDs.</summary>
    private static PlacementCheck Count(RulePlacement structural, int size, IReadOnlyList<uint> weights, IEnumerable<(int X, int[] Osds)> mapped)
    {
        var shortInputs = ImmutableArray.CreateBuilder<int>();
        var count = 0;
        var fewest = size;
        foreach (var (x, osds) in mapped)
        {
            count++;
            var usable = DistinctUsable(osds, weights);
            if (usable >= size) continue;
            shortInputs.Add(x);
            fewest = Math.Min(fewest, usable);
        }
        return new PlacementCheck(structural, true, count, shortInputs.ToImmutable(), fewest);
    }
}
