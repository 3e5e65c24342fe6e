using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.Ceph;

/// <summary>When failed OSDs are looked at: just down (CRUSH still maps PGs to them), or also marked out (remapped).</summary>
public enum FailureStage
{
    /// <summary>Down, not yet out: the PG keeps its mapping and loses the failed copies (the first ~10 minutes).</summary>
    Down,
    /// <summary>Marked out (weight 0): CRUSH maps the PG again over what is left (after mon_osd_down_out_interval).</summary>
    Out,
}

/// <summary>
/// Whether every PG of a pool keeps <c>min_size</c> copies (and, for stretch pools, copies in enough barrier buckets)
/// after a set of OSDs fails (reference/ceph-stretch.md §4.1 step 4, §4.2).
/// <see cref="Exact"/>: computed PG by PG with the real CRUSH mapping; otherwise the structural worst case, in
/// which <see cref="PgsInactive"/> is 0 or <see cref="PgCount"/> ("some PG may") and <see cref="InactivePgs"/> is empty.
/// </summary>
public sealed record PoolAvailability(
    CephPool Pool,
    FailureStage Stage,
    int PgCount,
    int PgsInactive,
    bool Exact,
    string? Approximation,
    ImmutableArray<int> InactivePgs)
{
    public bool KeepsMinSize => PgsInactive == 0;
}

public static class PgAvailability
{
    /// <summary>
    /// Evaluates <paramref name="pool"/> (pass a copy with other min_size or peering settings to model degraded stretch
    /// mode) with <paramref name="failed"/> OSDs down or out, over the weight vector <paramref name="weights"/> (null:
    /// the OSD map's in/out state when known, else every device in).
    /// </summary>
    public static PoolAvailability Evaluate(CrushHierarchy hierarchy, CephPool pool, IReadOnlySet<int> failed, FailureStage stage,
        IReadOnlyList<uint>? weights = null)
    {
        var rule = hierarchy.Map.Rules.FirstOrDefault(r => r.Id == pool.CrushRule);
        var pgCount = Math.Max(pool.PgNum, 1);
        if (rule is null)
            return new PoolAvailability(pool, stage, pgCount, pgCount, false, $"CRUSH rule {pool.CrushRule} does not exist", []);

        var mapper = new CrushMapper(hierarchy);
        var baseWeights = (weights ?? mapper.DefaultWeights()).ToArray();
        var mapWeights = stage == FailureStage.Out ? WithOut(baseWeights, failed) : baseWeights;
        var barrier = pool.PeeringCrushBucketCount > 0 ? pool.PeeringCrushBucketBarrier : (int?)null;

        if (mapper.IsExact && pool.PgNum > 0)
            return PoolMapping.Map(mapper, rule, pool, mapWeights).Availability(hierarchy, pool, failed, stage);

        // Structural worst case: the fewest surviving copies over every choice CRUSH could make.
        var domainType = barrier is { } b ? hierarchy.TypeName(b) : null;
        var placement = stage == FailureStage.Out
            ? CrushRuleEvaluator.Evaluate(hierarchy, rule, pool.Size, mapWeights, null, domainType)
            : CrushRuleEvaluator.Evaluate(hierarchy, rule, pool.Size, mapWeights, failed, domainType);
        var worst = placement.Survivors.Min >= pool.MinSize
            && (barrier is null || (placement.DomainsAlwaysHeld.Count() >= pool.PeeringCrushBucketCount
                && (pool.PeeringCrushMandatoryMember is not { } member || placement.DomainsAlwaysHeld.Contains(hierarchy.NameOf(member)))));
        var why = mapper.Unsupported ?? "the pool's pg_num is unknown";
        return new PoolAvailability(pool, stage, pgCount, worst ? 0 : pgCount, false, $"structural worst case: {why}", []);
    }

    /// <summary>The acting set can serve I/O: at least min_size OSDs and, for stretch pools, enough barrier buckets.</summary>
    public static bool CanPeer(CrushHierarchy hierarchy, CephPool pool, IReadOnlyCollection<int> acting, int? barrier)
    {
        if (acting.Count < Math.Max(pool.MinSize, 1)) return false;
        if (barrier is not { } type) return true;
        var buckets = acting.Select(o => hierarchy.AncestorOfType(o, type)).OfType<int>().ToHashSet();
        if (buckets.Count < pool.PeeringCrushBucketCount) return false;
        return pool.PeeringCrushMandatoryMember is not { } member || buckets.Contains(member);
    }

    private static uint[] WithOut(uint[] weights, IReadOnlySet<int> failed)
    {
        var copy = (uint[])weights.Clone();
        foreach (var osd in failed)
            if (osd >= 0 && osd < copy.Length) copy[osd] = 0;
        return copy;
    }
}
