using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Simulation.Ceph;

/// <summary>
/// The Ceph layer's verdict for one scenario (reference/ceph-stretch.md §3, §4): the monitor quorum, the OSDs that are
/// down for the quorate side, every pool's PGs that cannot serve I/O, and the HA services that run (or were recovered)
/// but whose disks sit on a blocked pool. <see cref="Undecidable"/> says why the pools were not judged, when the
/// configuration does not place the monitors or OSDs this scenario depends on.
/// </summary>
public sealed record CephVerdict(
    MonitorQuorum Monitors,
    ImmutableArray<int> LostOsds,
    int OsdCount,
    bool DegradedStretchMode,
    ImmutableArray<PoolVerdict> Pools,
    string? Undecidable)
{
    // Worked out when first read: with a pool blocked, every HA guest on it is, and a large cluster's thousands of
    // scenarios would each hold thousands of entries that only a few readers ever look at.
    private readonly Lazy<ImmutableArray<BlockedService>>? _blocked;

    /// <param name="blockedServices">Lists <see cref="BlockedServices"/> when first read.</param>
    public CephVerdict(MonitorQuorum monitors, ImmutableArray<int> lostOsds, int osdCount, bool degradedStretchMode,
        ImmutableArray<PoolVerdict> pools, Func<ImmutableArray<BlockedService>> blockedServices, string? undecidable)
        : this(monitors, lostOsds, osdCount, degradedStretchMode, pools, undecidable) => _blocked = new(blockedServices);

    /// <summary>The HA services that run (or were recovered) after the scenario but whose disks Ceph does not serve, in sid order.</summary>
    public ImmutableArray<BlockedService> BlockedServices => _blocked?.Value ?? [];

    public bool IsUndecidable => Undecidable is not null || Monitors.Undecidable is not null;

    /// <summary>The pools with at least one PG that cannot serve I/O (all of them without monitor quorum).</summary>
    public IEnumerable<PoolVerdict> BlockedPools => Pools.Where(p => p.Blocks);

    /// <summary>Decided, and Ceph I/O stops somewhere: no monitor quorum, a pool with inactive PGs, or HA guests cut off from the quorum side.</summary>
    public bool Unavailable => !IsUndecidable && (!Monitors.HasQuorum || BlockedPools.Any() || BlockedServices.Any(s => s.CutOff));
}

/// <summary>
/// One pool after the scenario: how many of its PGs keep fewer than <see cref="MinSize"/> copies (or too few stretch
/// buckets). <see cref="MinSize"/> is the one in force (1 in degraded stretch mode). Not <see cref="Exact"/>: the
/// structural worst case, where "some PG may" counts every PG.
/// </summary>
public sealed record PoolVerdict(CephPool Pool, int PgCount, int PgsInactive, int MinSize, bool Exact, string Reason)
{
    public bool Blocks => PgsInactive > 0;

    /// <summary>"vm: 13 of 32 PGs below min_size 2" / "vm: all 32 PGs inactive (no monitor quorum)" / "vm: serves I/O".</summary>
    public string Describe() => !Blocks ? $"{Pool.Name}: serves I/O" : $"{Pool.Name}: {Reason}";
}

/// <summary>
/// An HA service that runs after the scenario (unaffected, moved or recovered) on a node, but whose disks are on
/// blocked pools, or (<see cref="CutOff"/>) whose node is in another partition than the monitor quorum.
/// </summary>
public sealed record BlockedService(string Sid, string? Node, bool Recovered, ImmutableArray<string> Pools)
{
    /// <summary>Its node is on the other side of a netsplit from the monitor quorum: every pool it uses is out of reach.</summary>
    public bool CutOff { get; init; }
}
