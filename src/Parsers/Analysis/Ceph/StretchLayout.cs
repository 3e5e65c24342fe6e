using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.Ceph;

public enum StretchKind
{
    /// <summary>Neither enabled nor shaped like a stretch cluster.</summary>
    None,
    /// <summary>Not enabled, but a replicated rule has the stretch form (two copies in each of two dividing buckets).</summary>
    Shaped,
    /// <summary>Enabled: the monitor map or the OSD map says stretch_mode.</summary>
    Enabled,
}

/// <summary>
/// The stretch state of the cluster (reference/ceph-stretch.md §1c, §1d, §2): enabled (monitor dump
/// <c>stretch_mode</c>/<c>tiebreaker_mon</c>, OSD dump <c>stretch_mode</c> with its dividing bucket type and the pools'
/// peering settings) or merely stretch-shaped (a rule in one of the documented stretch forms) — the stretch rules apply
/// to both, and <see cref="Describe"/> says which one was seen.
/// </summary>
public sealed record StretchLayout(
    StretchKind Kind,
    string DividingType,
    ImmutableArray<CrushBucket> Sites,
    ImmutableArray<CrushRule> Rules,
    ImmutableArray<CephPool> Pools,
    bool Degraded,
    string? Tiebreaker)
{
    public bool Applies => Kind != StretchKind.None;

    /// <summary>"stretch mode is enabled with tiebreaker mon.pve5" or "stretch mode is not enabled, but rule 'x' is stretch-shaped (…)".</summary>
    public string Describe() => Kind switch
    {
        StretchKind.Enabled => Tiebreaker is null ? "stretch mode is enabled" : $"stretch mode is enabled with tiebreaker mon.{Tiebreaker}",
        StretchKind.Shaped => $"stretch mode is not enabled, but rule '{Rules[0].Name}' is stretch-shaped ({RuleText.Describe(Rules[0])})",
        _ => "stretch mode is not enabled",
    };

    public static StretchLayout Of(ClusterModel model, CrushHierarchy? hierarchy)
    {
        var ceph = model.Ceph;
        var dividingType = ceph.Stretch is { BucketTypeId: > 0 } s && hierarchy?.Map.Types.FirstOrDefault(t => t.Id == s.BucketTypeId) is { } type
            ? type.Name
            : "datacenter";
        var sites = hierarchy is null
            ? ImmutableArray<CrushBucket>.Empty
            : hierarchy.Map.Buckets.Where(b => b.Type == dividingType && hierarchy.DevicesUnder(b.Id).Any()).OrderBy(b => b.Name, StringComparer.Ordinal).ToImmutableArray();
        var shaped = hierarchy is null
            ? ImmutableArray<CrushRule>.Empty
            : hierarchy.Map.Rules.Where(r => StretchRuleShape.IsStretchShaped(hierarchy, r, dividingType))
                .OrderBy(r => ceph.Pools.Any(p => p.CrushRule == r.Id) ? 0 : 1).ThenBy(r => r.Id).ToImmutableArray();
        var enabled = ceph.StretchModeEnabled || ceph.Stretch?.Enabled == true;
        var degraded = ceph.Stretch is { } st && (st.Degraded || st.Recovering);

        if (enabled)
        {
            // In stretch mode every pool is a stretch pool: enabling moves all of them to the stretch rule (lab e).
            var rules = ceph.Pools.Select(p => p.CrushRule).Distinct()
                .Select(id => hierarchy?.Map.Rules.FirstOrDefault(r => r.Id == id)).OfType<CrushRule>()
                .Where(r => r.Type == "replicated").ToImmutableArray();
            return new StretchLayout(StretchKind.Enabled, dividingType, sites, shaped.IsEmpty ? rules : shaped, ceph.Pools, degraded, ceph.TiebreakerMonitor);
        }
        if (!shaped.IsEmpty)
        {
            var ids = shaped.Select(r => r.Id).ToHashSet();
            return new StretchLayout(StretchKind.Shaped, dividingType, sites, shaped, ceph.Pools.Where(p => ids.Contains(p.CrushRule)).ToImmutableArray(), false, null);
        }
        return new StretchLayout(StretchKind.None, dividingType, sites, [], [], false, null);
    }
}
