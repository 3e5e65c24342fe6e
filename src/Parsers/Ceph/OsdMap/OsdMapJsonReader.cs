using System.Collections.Immutable;
using PveLint.Ceph.Json;
using PveLint.Json;
using PveLint.Model;

namespace PveLint.Ceph.OsdMap;

/// <summary>
/// <c>ceph osd dump -f json</c> (= <c>osdmaptool --dump json</c>, reference §1d): pools with their stretch peering
/// fields, OSD up/in/reweight, erasure-code profiles, and the <c>stretch_mode</c> object.
/// </summary>
public static class OsdMapJsonReader
{
    /// <summary><c>peering_crush_bucket_mandatory_member</c> when no bucket is mandatory (CRUSH_ITEM_NONE).</summary>
    public const long NoMandatoryMember = 2147483647;

    public static bool Looks(JsonNode root) => root.IsObject && root.Get("pools") is { IsArray: true } && root.Get("osds") is { IsArray: true };

    public static OsdMapFacts Read(string path, JsonNode root, DumpDiagnostics context)
    {
        var f = new JsonFields(root, "the OSD map", context);
        var pools = ImmutableArray.CreateBuilder<CephPool>();
        foreach (var p in f.Array("pools"))
            if (p.IsObject && ReadPool(p, context) is { } pool) pools.Add(pool);

        var osds = ImmutableArray.CreateBuilder<CephOsd>();
        foreach (var o in f.Array("osds"))
        {
            if (!o.IsObject) continue;
            var of = new JsonFields(o, "an OSD of the OSD map", context);
            if (of.RequiredInt("osd") is not { } id) continue;
            osds.Add(new CephOsd(id, of.OptionalBool("up") ?? false, of.OptionalBool("in") ?? false, of.OptionalDouble("weight") ?? 0, o.Span));
        }

        StretchState? stretch = null;
        if (f.Object("stretch_mode") is { } s)
        {
            var sf = new JsonFields(s, "the stretch_mode object", context);
            stretch = new StretchState(
                sf.OptionalBool("stretch_mode_enabled") ?? false,
                sf.OptionalInt("stretch_bucket_count") ?? 0,
                sf.OptionalBool("degraded_stretch_mode") ?? false,
                sf.OptionalBool("recovering_stretch_mode") ?? false,
                sf.OptionalInt("stretch_mode_bucket") ?? 0,
                s.Span);
        }

        return new OsdMapFacts(path, f.OptionalInt64("epoch") ?? 0, DumpPreference.PrimaryJson, pools.ToImmutable(),
            osds.OrderBy(o => o.Id).ToImmutableArray(), stretch, ReadProfiles(f.Object("erasure_code_profiles")), root.Span);
    }

    private static CephPool? ReadPool(JsonNode p, DumpDiagnostics context)
    {
        var name = p.Get("pool_name")?.AsString();
        var f = new JsonFields(p, name is null ? "a pool of the OSD map" : $"pool '{name}'", context);
        if (f.RequiredInt("pool") is not { } id || f.RequiredString("pool_name") is null) return null;
        if (f.RequiredInt("size") is not { } size || f.RequiredInt("min_size") is not { } minSize || f.RequiredInt("crush_rule") is not { } rule) return null;
        var type = PoolType(f.OptionalInt("type"));
        var bucketCount = f.OptionalInt("peering_crush_bucket_count") ?? 0;
        var mandatory = f.OptionalInt64("peering_crush_bucket_mandatory_member");
        var profile = f.OptionalString("erasure_code_profile");
        return new CephPool(id, name!, type, size, minSize, rule, f.OptionalInt("pg_num") ?? 0, bucketCount != 0, p.Span)
        {
            PgpNum = f.OptionalInt("pg_placement_num") ?? f.OptionalInt("pg_num") ?? 0,
            Flags = SplitList(f.OptionalString("flags_names")),
            Applications = f.Object("application_metadata") is { } apps ? apps.Members.Select(m => m.Name).ToImmutableArray() : [],
            ErasureCodeProfile = string.IsNullOrEmpty(profile) ? null : profile,
            PeeringCrushBucketCount = bucketCount,
            PeeringCrushBucketTarget = f.OptionalInt("peering_crush_bucket_target") ?? 0,
            PeeringCrushBucketBarrier = f.OptionalInt("peering_crush_bucket_barrier") ?? 0,
            PeeringCrushMandatoryMember = mandatory is null or NoMandatoryMember || mandatory > int.MaxValue || mandatory < int.MinValue ? null : (int)mandatory,
        };
    }

    /// <summary>Pool type numbers: 1 replicated, 3 erasure (reference §1d).</summary>
    public static string PoolType(int? type) => type switch
    {
        1 => "replicated",
        3 => "erasure",
        null => "replicated",
        _ => type.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    internal static ImmutableArray<string> SplitList(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableArray();

    private static ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, string>> ReadProfiles(JsonNode? node)
    {
        var result = ImmutableSortedDictionary.CreateBuilder<string, ImmutableSortedDictionary<string, string>>(StringComparer.Ordinal);
        if (node is null) return result.ToImmutable();
        foreach (var profile in node.Members.Where(m => m.Value.IsObject))
        {
            var settings = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var setting in profile.Value.Members)
                if (setting.Value.AsString() is { } v) settings[setting.Name] = v;
            result[profile.Name] = settings.ToImmutable();
        }
        return result.ToImmutable();
    }
}
