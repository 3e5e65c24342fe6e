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
}

/// <summary>ceph.conf: sections of normalised keys (spaces → '_', lower case).</summary>
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
    SourceSpan Span);

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
    SourceSpan Span);

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
}

public sealed record CrushDevice(int Id, string Name, string? Class, SourceSpan Span);

public sealed record CrushType(int Id, string Name);

/// <summary>A real bucket (per-class shadow buckets such as <c>host1~ssd</c> are not kept).</summary>
public sealed record CrushBucket(
    int Id,
    string Name,
    string Type,
    string Algorithm,
    ImmutableArray<CrushItem> Items,
    SourceSpan Span);

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
