using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PveLint.Analysis.Ceph;
using PveLint.Analysis.HighAvailability.Placement;
using PveLint.Model;
using PveLint.Simulation.HighAvailability;
using PveLint.Simulation.Scenarios;

namespace PveLint.Simulation.Ceph;

/// <summary>
/// The Ceph layer (reference/ceph-stretch.md §3, §4): per scenario, which partition holds a strict majority of the
/// monitor map, which OSDs are down for it (on failed nodes, or cut off from the quorate side), and, per pool, the PGs
/// left below min_size, with degraded stretch mode (min_size 1, one bucket to peer) when a whole stretch site is
/// dead. Like the other layers it starts from the steady state: every OSD up (a dump taken while some were down says
/// nothing about the design), with the OSD map's in/out weights kept. The CRUSH hierarchy, the homes of monitors and OSDs and each pool's PG mapping are built once per model;
/// pool verdicts are shared between scenarios that lose the same OSDs.
/// </summary>
public sealed class CephLayer
{
    private readonly ClusterModel model;
    private readonly CephView view;
    private readonly ImmutableArray<(MonitorSite Monitor, CephHome Home)> monitors;
    private readonly ImmutableArray<(int Osd, CephHome Home)> osds;
    // The OSDs' distinct homes (hosts), and each OSD's index among them: a scenario locates each host once.
    private readonly CephHome[] osdHomes;
    private readonly int[] osdHomeIndex;
    private readonly int maxOsdId; // sizes each scenario's OSD sets
    private readonly IReadOnlyDictionary<string, ImmutableArray<string>> guestPools;
    private readonly HashSet<string> pooledByGuests; // every pool some HA guest has a disk on
    private readonly string? qdeviceHost;
    // Shared by scenarios evaluated in parallel; a value computed twice in a race is the same value.
    private readonly ConcurrentDictionary<PoolKey, PoolVerdict> poolVerdicts = new();

    /// <summary>A pool verdict's inputs: the pool's index, the degraded stretch survivor and the lost OSDs (by content).</summary>
    private readonly record struct PoolKey(int Index, int? Survivor, DenseIntSet Lost)
    {
        public bool Equals(PoolKey other) => Index == other.Index && Survivor == other.Survivor && Lost.SameIds(other.Lost);

        public override int GetHashCode() => HashCode.Combine(Index, Survivor, Lost.IdsHash());
    }

    public CephLayer(ClusterModel model)
    {
        this.model = model;
        view = CephView.Of(model);
        var ceph = model.Ceph;
        HasCeph = !view.Monitors.IsEmpty || ceph.Crush is not null || !ceph.Pools.IsEmpty;
        var crushSites = view.Stretch.Sites.Select(s => s.Name).ToList();
        monitors = CephHome.Monitors(model);
        osds = view.Hierarchy is { } h ? OsdHomes(model, h, view.Stretch.DividingType, crushSites) : [];
        var homeIndex = new Dictionary<CephHome, int>(ReferenceEqualityComparer.Instance);
        osdHomeIndex = [.. osds.Select(o => homeIndex.TryGetValue(o.Home, out var at) ? at : homeIndex[o.Home] = homeIndex.Count)];
        maxOsdId = osds.IsEmpty ? 0 : osds.Max(o => o.Osd);
        osdHomes = [.. homeIndex.OrderBy(kv => kv.Value).Select(kv => kv.Key)];
        guestPools = GuestPools.Of(model);
        pooledByGuests = guestPools.Values.SelectMany(p => p).ToHashSet(StringComparer.Ordinal);
        qdeviceHost = QDeviceLocation.Of(model)?.Host;

        var notes = ImmutableArray.CreateBuilder<string>();
        if (HasCeph)
        {
            if (monitors.IsEmpty) notes.Add("Ceph: no monitor map and no monitors in ceph.conf, so monitor quorum is not simulated.");
            foreach (var (monitor, home) in monitors.Where(m => m.Home.Node is null && m.Home.Site is null))
                notes.Add($"Ceph: mon.{monitor.Name} is on no cluster node and in no known site ({monitor.Basis}); scenarios that depend on it are undecidable.");
            foreach (var host in osds.Where(o => o.Home.Node is null && o.Home.Site is null).Select(o => o.Home.Host).Distinct().Order(StringComparer.Ordinal))
                notes.Add($"Ceph: OSD host {host} is no cluster node and in no known site; site and netsplit scenarios are undecidable for its OSDs.");
            if (!ceph.Pools.IsEmpty && ceph.Crush is null)
                notes.Add("Ceph: the pools are known but no CRUSH map was scanned, so PG availability is not simulated.");
        }
        Notes = notes.ToImmutable();
    }

    /// <summary>False when the model holds no Ceph data: then <see cref="Evaluate"/> gives no verdict.</summary>
    public bool HasCeph { get; }

    public ImmutableArray<string> Notes { get; }

    public CephVerdict? Evaluate(FailureScenario scenario, HaVerdict ha)
    {
        if (!HasCeph) return null;
        var quorum = Quorum(scenario);
        var homeSpots = new Spot[osdHomes.Length];
        for (var i = 0; i < osdHomes.Length; i++) homeSpots[i] = osdHomes[i].Locate(scenario, qdeviceHost);
        var physicallyLost = OsdsWhere(homeSpots, static spot => spot.Kind == SpotKind.Lost);

        if (quorum.Undecidable is not null || monitors.IsEmpty)
            return new CephVerdict(quorum, Sorted(physicallyLost), osds.Length, false, [], quorum.Undecidable ?? "no monitors are known");
        if (!quorum.HasQuorum)
        {
            // Without monitor quorum no PG peers and no client gets a map: every pool stops (§4.1 step 4).
            var stopped = model.Ceph.Pools.Select(p => new PoolVerdict(p, Math.Max(p.PgNum, 1), Math.Max(p.PgNum, 1), p.MinSize, true,
                $"all {Math.Max(p.PgNum, 1)} PGs inactive: no monitor quorum")).ToImmutableArray();
            return new CephVerdict(quorum, Sorted(physicallyLost), osds.Length, false, stopped, () => Blocked(scenario, ha, stopped, null), null);
        }
        var unknownOsds = new List<int>(); // in OSD order, for the message
        var unknownSeen = new DenseIntSet(maxOsdId);
        for (var i = 0; i < osds.Length; i++)
            if (homeSpots[osdHomeIndex[i]].Kind == SpotKind.Unknown && unknownSeen.Add(osds[i].Osd)) unknownOsds.Add(osds[i].Osd);
        if (unknownOsds.Count > 0)
            return new CephVerdict(quorum, Sorted(physicallyLost), osds.Length, false, [],
                $"the hosts of {unknownOsds.Count} OSD(s) ({string.Join(", ", unknownOsds.Take(4).Select(o => "osd." + o))}) are in no known site");

        // Where the election could go either way, keep the worse outcome (the most inactive PGs).
        CephVerdict? worst = null;
        foreach (var winner in quorum.Candidates)
        {
            var lost = OsdsWhere(homeSpots, spot => spot.Kind == SpotKind.Lost || (spot.Kind == SpotKind.Partition && spot.Partition != winner));
            var survivor = DegradedSurvivor(scenario, winner, lost);
            var pools = model.Ceph.Pools.Select((p, index) => Pool(index, p, lost, survivor)).ToImmutableArray();
            var side = quorum.Candidates.Length == 1 ? winner : (int?)null;
            var verdict = new CephVerdict(quorum, Sorted(lost), osds.Length, survivor is not null, pools, () => Blocked(scenario, ha, pools, side), null);
            if (worst is null || verdict.Pools.Sum(p => p.PgsInactive) > worst.Pools.Sum(p => p.PgsInactive)) worst = verdict;
        }
        return worst;
    }

    /// <summary>The OSDs whose host's spot in this scenario (<paramref name="homeSpots"/>, by <see cref="osdHomes"/>) matches.</summary>
    private DenseIntSet OsdsWhere(Spot[] homeSpots, Func<Spot, bool> matches)
    {
        var found = new DenseIntSet(maxOsdId);
        for (var i = 0; i < osds.Length; i++)
            if (matches(homeSpots[osdHomeIndex[i]])) found.Add(osds[i].Osd);
        return found;
    }

    private MonitorQuorum Quorum(FailureScenario scenario)
    {
        if (monitors.IsEmpty) return MonitorQuorum.None;
        var spots = monitors.Select(m => (m.Monitor.Name, Spot: m.Home.Locate(scenario, qdeviceHost))).ToList();
        var total = monitors.Length;
        var needed = total / 2 + 1;
        var sides = scenario.Partitions.Select((p, i) => new MonitorSide(i, PartitionName(scenario, p),
            spots.Where(s => s.Spot.Kind == SpotKind.Partition && s.Spot.Partition == i).Select(s => s.Name).ToImmutableArray())).ToImmutableArray();
        var shared = spots.Where(s => s.Spot.Kind == SpotKind.Everywhere).Select(s => s.Name).ToImmutableArray();
        var unknown = spots.Where(s => s.Spot.Kind == SpotKind.Unknown).Select(s => s.Name).ToList();
        var lost = spots.Where(s => s.Spot.Kind == SpotKind.Lost).Select(s => s.Name).ToImmutableArray();

        ImmutableArray<int> CandidatesWith(int extra) =>
            sides.Where(s => s.Monitors.Length + shared.Length + extra >= needed).Select(s => s.Partition).ToImmutableArray();
        var best = CandidatesWith(unknown.Count);
        string? undecidable = null;
        if (unknown.Count > 0 && !best.SequenceEqual(CandidatesWith(0)))
            undecidable = $"{string.Join(", ", unknown.Select(m => "mon." + m))} {(unknown.Count == 1 ? "is" : "are")} in no known site, and the quorum depends on {(unknown.Count == 1 ? "its" : "their")} side";
        return new MonitorQuorum(total, needed, lost, sides, shared, best, undecidable);
    }

    /// <summary>
    /// Degraded stretch mode (§3.2): in stretch mode, a dividing bucket whose OSDs are all down and whose monitors
    /// (the tiebreaker's aside) are all out of quorum is dead; with one of the two dead, the survivor's id, else null.
    /// </summary>
    private int? DegradedSurvivor(FailureScenario scenario, int winner, IReadOnlySet<int> lostOsds)
    {
        var stretch = view.Stretch;
        if (stretch.Kind != StretchKind.Enabled || stretch.Degraded || stretch.Sites.Length != 2 || view.Hierarchy is not { } h) return null;
        bool Dead(CrushBucket site)
        {
            var id = h.IdOf(site.Name);
            if (id is null || !h.DevicesUnder(id.Value).All(lostOsds.Contains)) return false;
            return monitors.Where(m => !m.Monitor.IsTiebreaker && m.Monitor.Site == site.Name)
                .All(m => m.Home.Locate(scenario, qdeviceHost) is var spot && !(spot.Kind == SpotKind.Everywhere || (spot.Kind == SpotKind.Partition && spot.Partition == winner)));
        }
        var dead = stretch.Sites.Where(Dead).ToList();
        if (dead.Count != 1) return null;
        return h.IdOf((ReferenceEquals(dead[0], stretch.Sites[0]) ? stretch.Sites[1] : stretch.Sites[0]).Name);
    }

    /// <summary>The verdict of the pool at <paramref name="index"/> of the OSD map (pool ids need not be unique in a bad dump).</summary>
    private PoolVerdict Pool(int index, CephPool pool, DenseIntSet lost, int? degradedSurvivor)
    {
        var effective = degradedSurvivor is { } survivor
            ? pool with
            {
                MinSize = 1,
                PeeringCrushBucketCount = pool.PeeringCrushBucketCount > 0 ? 1 : 0,
                PeeringCrushMandatoryMember = pool.PeeringCrushBucketCount > 0 ? survivor : pool.PeeringCrushMandatoryMember,
            }
            : pool;
        var key = new PoolKey(index, degradedSurvivor, lost);
        if (poolVerdicts.TryGetValue(key, out var known)) return known;

        if (view.Hierarchy is not { } h || view.DownAvailability(pool, lost, effective) is not { } availability)
            return poolVerdicts[key] = new PoolVerdict(pool, Math.Max(pool.PgNum, 1), 0, pool.MinSize, false, "no CRUSH map was scanned");

        var stretchNote = degradedSurvivor is { } s ? $" (degraded stretch mode: min_size 1, only {h.NameOf(s)} needed to peer)" : "";
        var reason = !availability.Exact
            ? $"some PG may keep fewer than min_size {effective.MinSize} copies{stretchNote} ({availability.Approximation})"
            : $"{availability.PgsInactive} of {availability.PgCount} PGs below min_size {effective.MinSize}{(effective.PeeringCrushBucketCount > 0 ? $" or {effective.PeeringCrushBucketCount} {h.TypeName(effective.PeeringCrushBucketBarrier)}(s)" : "")}{stretchNote}";
        return poolVerdicts[key] = new PoolVerdict(pool, availability.PgCount, availability.PgsInactive, effective.MinSize, availability.Exact, reason);
    }

    /// <summary>
    /// HA services that run after the scenario (left alone, moved or recovered) but whose disks are on a blocked pool,
    /// or whose node sits in another partition than the monitor quorum (it reaches neither monitors nor OSDs).
    /// </summary>
    private ImmutableArray<BlockedService> Blocked(FailureScenario scenario, HaVerdict ha, ImmutableArray<PoolVerdict> pools, int? cephSide)
    {
        if (ha.Plan is not { } plan || guestPools.Count == 0) return [];
        var blocked = pools.Where(p => p.Blocks).Select(p => p.Pool.Name).ToHashSet(StringComparer.Ordinal);
        var quorumSide = cephSide is { } side && scenario.IsSplit ? scenario.Partitions[side] : null;
        // No guest is blocked unless a pool some guest uses blocks, or a split cuts guests off the monitors' side.
        if (quorumSide is null && !blocked.Overlaps(pooledByGuests)) return [];
        var result = ImmutableArray.CreateBuilder<BlockedService>();
        foreach (var (sid, to, outcome) in plan.Destinations)
        {
            if (to is not { } node || outcome is not (PlacementOutcome.Unaffected or PlacementOutcome.Moved or PlacementOutcome.Recovered)) continue;
            if (!guestPools.TryGetValue(sid, out var own)) continue;
            var cutOff = quorumSide is not null && !quorumSide.Nodes.Contains(node);
            if (!cutOff && !AnyIn(own, blocked)) continue;
            var hit = cutOff || AllIn(own, blocked) ? own : own.Where(blocked.Contains).ToImmutableArray();
            result.Add(new BlockedService(sid, node, outcome == PlacementOutcome.Recovered, hit) { CutOff = cutOff });
        }
        return result.ToImmutable();
    }

    // Loops, not All/Any(set.Contains): they run for every HA service of a scenario, and those made a delegate each time.
    private static bool AllIn(ImmutableArray<string> pools, HashSet<string> set)
    {
        foreach (var pool in pools)
            if (!set.Contains(pool)) return false;
        return true;
    }

    private static bool AnyIn(ImmutableArray<string> pools, HashSet<string> set)
    {
        foreach (var pool in pools)
            if (set.Contains(pool)) return true;
        return false;
    }

    private static ImmutableArray<(int, CephHome)> OsdHomes(ClusterModel model, CrushHierarchy h, string dividingType, IReadOnlyCollection<string> crushSites)
    {
        var hostType = h.TypeId("host");
        var siteType = h.TypeId(dividingType);
        var result = ImmutableArray.CreateBuilder<(int, CephHome)>();
        var homes = new Dictionary<int, CephHome>();
        foreach (var device in h.Map.Devices.Select(d => d.Id).Where(h.HasDevice).Distinct().Order())
        {
            var hostId = hostType is { } ht ? h.AncestorOfType(device, ht) : null;
            if (hostId is null) { result.Add((device, new CephHome($"osd.{device}", null, null))); continue; }
            if (!homes.TryGetValue(hostId.Value, out var home))
            {
                var site = siteType is { } st && h.AncestorOfType(hostId.Value, st) is { } siteId ? h.NameOf(siteId) : null;
                homes[hostId.Value] = home = CephHome.OfOsdHost(model, h, crushSites, h.NameOf(hostId.Value), site);
            }
            result.Add((device, home));
        }
        return result.ToImmutable();
    }

    /// <summary>Ascending, each once, in an array of the exact size (every scenario keeps its lost OSDs).</summary>
    private static ImmutableArray<int> Sorted(DenseIntSet osds)
    {
        var sorted = new int[osds.Count];
        var at = 0;
        foreach (var osd in osds) sorted[at++] = osd;
        return ImmutableCollectionsMarshal.AsImmutableArray(sorted);
    }

    private static string PartitionName(FailureScenario scenario, NetworkPartition partition) =>
        !partition.Sites.IsEmpty ? string.Join("+", partition.Sites)
        : scenario.Partitions.Length == 1 ? "the survivors"
        : string.Join("+", partition.Nodes);
}
