using System.Collections.Immutable;
using PveLint.Text;

namespace PveLint.Model;

/// <summary>Everything known about the cluster's Ceph: ceph.conf, monitor map, CRUSH map, OSD map.</summary>
public sealed record CephModel(
    CephConf? Conf,
    ImmutableArray<CephMonitor> Monitors,
    string? ElectionStrategy,
    string? TiebreakerMonitor,
    bool StretchModeEnabled,
    CrushMap? Crush,
    ImmutableArray<CephPool> Pools,
    ImmutableArray<CephOsd> Osds,
    StretchState? Stretch)
{
    public static CephModel Empty { get; } = new(null, [], null, null, false, null, [], [], null);

    /// <summary>Monitors that may not become leader (the tiebreaker is added in stretch mode).</summary>
    public ImmutableArray<string> DisallowedLeaders { get; init; } = [];

    /// <summary>Names of the monitors in quorum when the dump was taken (empty when no dump says).</summary>
    public ImmutableArray<string> Quorum { get; init; } = [];

    /// <summary>Erasure-code profiles of the OSD map: profile name → its settings (k, m, crush-failure-domain, ...).</summary>
    public ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, string>> ErasureCodeProfiles { get; init; } =
        ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, string>>.Empty;

    /// <summary>The cluster health from <c>ceph health detail -f json</c>, when such a dump was given.</summary>
    public CephHealth? Health { get; init; }
}

/// <summary><c>ceph health detail</c>: overall status (HEALTH_OK/WARN/ERR) and the raised checks.</summary>
public sealed record CephHealth(string Status, ImmutableArray<CephHealthCheck> Checks, SourceSpan Span);

/// <summary>One health check, e.g. DEGRADED_STRETCH_MODE with its summary message.</summary>
public sealed record CephHealthCheck(string Code, string Severity, string Message, bool Muted, SourceSpan Span);

/// <summary>ceph.conf: sections of keys normalised as PVE does (spaces → '_'; case and '-' kept, as Ceph looks options up by their '_' name).</summary>
public sealed record CephConf(string Path, ImmutableDictionary<string, ImmutableDictionary<string, Located<string>>> Sections)
{
    public Located<string>? Get(string section, string key) =>
        Sections.TryGetValue(section, out var s) && s.TryGetValue(key, out var v) ? v : null;
}

/// <summary>A monitor from <c>ceph mon dump</c>; <see cref="CrushLocation"/> e.g. datacenter=site1.</summary>
public sealed record CephMonitor(
    string Name,
    int Rank,
    string? PublicAddress,
    ImmutableDictionary<string, string> CrushLocation,
    SourceSpan Span)
{
    /// <summary>Every address of the monitor as <c>type:ip:port</c> (e.g. <c>v2:10.0.0.1:3300</c>).</summary>
    public ImmutableArray<string> Addresses { get; init; } = [];
}

/// <summary>The stretch-mode fields of the OSD map (<c>stretch_mode</c> object).</summary>
public sealed record StretchState(
    bool Enabled,
    int BucketCount,
    bool Degraded,
    bool Recovering,
    int BucketTypeId,
    SourceSpan Span);

public sealed record CephPool(
    int Id,
    string Name,
    string Type,
    int Size,
    int MinSize,
    int CrushRule,
    int PgNum,
    bool IsStretchPool,
    SourceSpan Span)
{
    /// <summary>pgp_num (<c>pg_placement_num</c>): the number of placement seeds CRUSH sees.</summary>
    public int PgpNum { get; init; }

    /// <summary>Pool flags such as hashpspool, ec_overwrites.</summary>
    public ImmutableArray<string> Flags { get; init; } = [];

    /// <summary>Enabled applications (rbd, cephfs, rgw, mgr ...).</summary>
    public ImmutableArray<string> Applications { get; init; } = [];

    /// <summary>The erasure-code profile of an erasure pool (null for replicated pools).</summary>
    public string? ErasureCodeProfile { get; init; }

    /// <summary>Stretch peering: minimum number of distinct barrier buckets in the acting set (0 = not a stretch pool).</summary>
    public int PeeringCrushBucketCount { get; init; }

    /// <summary>Stretch peering: bucket_max = size / target is the most OSDs allowed from one barrier bucket.</summary>
    public int PeeringCrushBucketTarget { get; init; }

    /// <summary>Stretch peering: the CRUSH type id of the barrier bucket type (8 = datacenter).</summary>
    public int PeeringCrushBucketBarrier { get; init; }

    /// <summary>Stretch peering: the bucket id that must be in the acting set (degraded stretch mode), else null.</summary>
    public int? PeeringCrushMandatoryMember { get; init; }
}

public sealed record CephOsd(int Id, bool Up, bool In, double Weight, SourceSpan Span);

/// <summary>A CRUSH map, from the decompiled text or from the JSON dump (same model for both).</summary>
public sealed record CrushMap(
    string Path,
    ImmutableArray<CrushDevice> Devices,
    ImmutableArray<CrushType> Types,
    ImmutableArray<CrushBucket> Buckets,
    ImmutableArray<CrushRule> Rules,
    ImmutableSortedDictionary<string, long> Tunables)
{
    public CrushBucket? Bucket(string name) => Buckets.FirstOrDefault(b => b.Name == name);

    /// <summary>Balancer weight sets (<c>choose_args</c>), keyed by id; -1 is the crush-compat set.</summary>
    public ImmutableArray<CrushChooseArgs> ChooseArgs { get; init; } = [];
}

/// <summary>A <c>choose_args</c> map: alternative weights (and ids) per bucket, used instead of the item weights.</summary>
public sealed record CrushChooseArgs(long Id, ImmutableArray<CrushChooseArg> Args, SourceSpan Span);

/// <summary>One bucket's entry: a weight set per position (16.16 fixed point / 65536) and optional replacement ids.</summary>
public sealed record CrushChooseArg(int BucketId, ImmutableArray<ImmutableArray<double>> WeightSets, ImmutableArray<int> Ids);

public sealed record CrushDevice(int Id, string Name, string? Class, SourceSpan Span);

public sealed record CrushType(int Id, string Name);

/// <summary>A real bucket (per-class shadow buckets such as <c>host1~ssd</c> are not kept).</summary>
public sealed record CrushBucket(
    int Id,
    string Name,
    string Type,
    string Algorithm,
    ImmutableArray<CrushItem> Items,
    SourceSpan Span)
{
    /// <summary>The ids of this bucket's per-class shadow buckets (<c>id -2 class ssd</c>), by class name.</summary>
    public ImmutableSortedDictionary<string, int> ClassIds { get; init; } = ImmutableSortedDictionary<string, int>.Empty;
}

/// <summary>A bucket item: a device or child bucket name and its weight (CRUSH 16.16 fixed point / 65536).</summary>
public sealed record CrushItem(string Name, double Weight);

public sealed record CrushRule(
    int Id,
    string Name,
    string Type,
    ImmutableArray<CrushStep> Steps,
    SourceSpan Span);

/// <summary>
/// A rule step. <see cref="Op"/> is one of take, choose_firstn, chooseleaf_firstn, choose_indep,
/// chooseleaf_indep, emit, set_choose_tries, set_chooseleaf_tries, ... (the JSON dump's names).
/// </summary>
public sealed record CrushStep(string Op, string? Item, string? ItemClass, int? Num, string? BucketType);
