using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PveLint.Model;

namespace PveLint.Analysis.Ceph;

/// <summary>
/// The Ceph analysis of one model, computed once and shared by every rule and the simulation: the CRUSH hierarchy and
/// mapper, the current weight vector, the stretch layout and where the monitors are. Immutable once built.
/// </summary>
public sealed class CephView
{
    private static readonly OncePer<ClusterModel, CephView> Views = new(static m => new CephView(m));

    private readonly Dictionary<(int Rule, int Size), RulePlacement> placements = new();
    private readonly Dictionary<int, PlacementCheck> checks = new();
    private readonly Dictionary<CephPool, PoolMapping?> mappings = new(); // equal pools map alike
    private readonly object gate = new();

    public static CephView Of(ClusterModel model) => Views.Of(model);

    private CephView(ClusterModel model)
    {
        Model = model;
        if (model.Ceph.Crush is { } crush)
        {
            Hierarchy = new CrushHierarchy(crush);
            Mapper = new CrushMapper(Hierarchy);
            Weights = model.Ceph.Osds.IsEmpty ? Mapper.DefaultWeights() : Mapper.WeightsFrom(model.Ceph.Osds);
        }
        Stretch = StretchLayout.Of(model, Hierarchy);
        var crushSites = Stretch.Sites.Select(s => s.Name).ToList();
        Monitors = MonitorPlacement.Locate(model, Hierarchy, Stretch.DividingType, crushSites);
    }

    public ClusterModel Model { get; }

    public CrushHierarchy? Hierarchy { get; }

    public CrushMapper? Mapper { get; }

    /// <summary>The OSD map's in/out state as CRUSH weights (every device in when no OSD map was scanned).</summary>
    public IReadOnlyList<uint> Weights { get; } = [];

    public StretchLayout Stretch { get; }

    public ImmutableArray<MonitorSite> Monitors { get; }

    public CrushRule? RuleOf(CephPool pool) => Hierarchy?.Map.Rules.FirstOrDefault(r => r.Id == pool.CrushRule);

    /// <summary>The structural placement of a rule for a pool size, over the current weights, per stretch site.</summary>
    public RulePlacement? Placement(CrushRule rule, int size)
    {
        if (Hierarchy is null) return null;
        lock (gate)
        {
            if (!placements.TryGetValue((rule.Id, size), out var placement))
                placements[(rule.Id, size)] = placement = CrushRuleEvaluator.Evaluate(Hierarchy, rule, size, Weights, null, Stretch.DividingType);
            return placement;
        }
    }

    /// <summary>Whether the pool's rule places size copies for every PG of the pool (exactly, when the map can be mapped).</summary>
    public PlacementCheck? Check(CephPool pool)
    {
        if (Mapper is null || RuleOf(pool) is not { } rule) return null;
        lock (gate)
        {
            if (!checks.TryGetValue(pool.Id, out var check))
                checks[pool.Id] = check = Mapping(pool) is { } mapping
                    ? PlacementCheck.Of(Hierarchy!, mapping, rule, Weights, Stretch.DividingType)
                    : PlacementCheck.Run(Mapper, rule, pool.Size, Weights, PlacementCheck.PoolInputs(pool), Stretch.DividingType);
            return check;
        }
    }

    /// <summary>
    /// Every PG of the pool mapped over the current weights, made once for the rules and the simulation (thousands of
    /// CRUSH descents for a large pool); null when the map cannot be mapped exactly, the rule is unknown or pg_num is.
    /// </summary>
    public PoolMapping? Mapping(CephPool pool)
    {
        if (Mapper is not { IsExact: true } mapper || pool.PgNum <= 0 || RuleOf(pool) is not { } rule) return null;
        lock (gate)
        {
            if (!mappings.TryGetValue(pool, out var mapping))
                mappings[pool] = mapping = PoolMapping.Map(mapper, rule, pool, Weights);
            return mapping;
        }
    }

    /// <summary>
    /// The PGs of <paramref name="pool"/> that cannot serve I/O while <paramref name="failed"/> are down, peering as
    /// <paramref name="effective"/> says (default: the pool itself; degraded stretch mode lowers min_size): from the
    /// pool's one mapping (<see cref="Mapping"/>) when the map can be mapped, else the structural worst case. Null
    /// without a CRUSH map.
    /// </summary>
    public PoolAvailability? DownAvailability(CephPool pool, IReadOnlySet<int> failed, CephPool? effective = null)
    {
        if (Hierarchy is not { } h) return null;
        effective ??= pool;
        return Mapping(pool) is { } mapping
            ? mapping.Availability(h, effective, failed, FailureStage.Down)
            : PgAvailability.Evaluate(h, effective, failed, FailureStage.Down, Weights);
    }

    /// <summary>The data-site names: CRUSH dividing buckets holding OSDs, else the .pvelint.yaml data sites.</summary>
    public ImmutableArray<string> DataSiteNames =>
        Stretch.Sites.IsEmpty ? Model.DataSites.Select(s => s.Name).ToImmutableArray() : Stretch.Sites.Select(s => s.Name).ToImmutableArray();
}
