using System.Collections.Immutable;
using System.Globalization;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Ceph.OsdMap;

/// <summary>
/// The plain-text <c>ceph osd dump</c> (also <c>osdmaptool --print</c>), a line format:
/// <code>
/// epoch 15
/// stretch_mode_enabled true
/// stretch_bucket_count 2 / degraded_stretch_mode 0 / recovering_stretch_mode 0 / stretch_mode_bucket 8
/// pool 1 'vm-pool' replicated size 4 min_size 2 crush_rule 1 ... pg_num 32 pgp_num 32 ... flags hashpspool application rbd
/// pool 2 'ec-data' erasure profile ec22 size 4 min_size 3 crush_rule 2 ...
/// osd.0 down in  weight 1 up_from 0 ...
/// </code>
/// Pacific's text leaves out the pools' stretch peering fields (reference §1d; compare the JSON); when a pool line
/// has no <c>peering_crush_bucket_count</c>, a replicated pool counts as a stretch pool exactly when stretch mode is
/// on, because enabling stretch mode gives every pool the peering rule and new pools get it too (§2.2 item 7).
/// </summary>
public static class OsdDumpTextReader
{
    public static OsdMapFacts Read(SourceFile file, DumpDiagnostics context)
    {
        long epoch = 0;
        var span = SourceSpan.WholeFile(file.Path);
        var pools = new List<(CephPool Pool, bool HasPeering)>();
        var osds = new List<CephOsd>();
        bool? enabled = null;
        int bucketCount = 0, bucketType = 0;
        bool degraded = false, recovering = false;
        var stretchSpan = SourceSpan.WholeFile(file.Path);
        for (var line = 1; line <= file.LineCount; line++)
        {
            var text = file.LineText(line);
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            var value = words.Length > 1 ? words[1] : "";
            switch (words[0])
            {
                case "epoch":
                    if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var e)) epoch = e;
                    span = file.LineSpan(line);
                    break;
                case "stretch_mode_enabled":
                    enabled = value is "true" or "1";
                    stretchSpan = file.LineSpan(line);
                    break;
                case "stretch_bucket_count": bucketCount = Int(value) ?? 0; break;
                case "degraded_stretch_mode": degraded = Int(value) is { } d && d != 0; break;
                case "recovering_stretch_mode": recovering = Int(value) is { } r && r != 0; break;
                case "stretch_mode_bucket": bucketType = Int(value) ?? 0; break;
                case "pool":
                    if (ReadPool(file, line, text) is { } pool) pools.Add(pool);
                    else context.Report(DiagnosticIds.SyntaxError, file.LineSpan(line), $"Line {line} of the OSD dump starts with 'pool' but is not \"pool <id> '<name>' <type> size <n> min_size <n> crush_rule <n> ...\".");
                    break;
                default:
                    if (words[0].StartsWith("osd.", StringComparison.Ordinal) && Int(words[0][4..]) is { } id)
                        osds.Add(ReadOsd(file, line, id, words));
                    break;
            }
        }

        StretchState? stretch = enabled is null ? null : new StretchState(enabled.Value, bucketCount, degraded, recovering, bucketType, stretchSpan);
        var stretchOn = enabled == true;
        var modelPools = pools.Select(p => p.HasPeering || !stretchOn || p.Pool.Type != "replicated"
                ? p.Pool
                : p.Pool with
                {
                    IsStretchPool = true,
                    PeeringCrushBucketCount = degraded ? 1 : bucketCount,
                    PeeringCrushBucketTarget = bucketCount,
                    PeeringCrushBucketBarrier = bucketType,
                })
            .ToImmutableArray();
        return new OsdMapFacts(file.Path, epoch, DumpPreference.Text, modelPools, osds.OrderBy(o => o.Id).ToImmutableArray(), stretch,
            ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, string>>.Empty, span);
    }

    private static int? Int(string s) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary><c>pool 1 'vm-pool' replicated size 4 ...</c>: the name is quoted and may hold spaces; the rest are key/value pairs.</summary>
    private static (CephPool, bool)? ReadPool(SourceFile file, int line, string text)
    {
        var open = text.IndexOf('\'');
        var close = open < 0 ? -1 : text.IndexOf("' ", open + 1, StringComparison.Ordinal);
        if (close < 0 && open >= 0 && text.EndsWith('\'') && text.Length - 1 > open) close = text.Length - 1;
        if (open < 0 || close < 0) return null;
        var head = text[..open].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (head.Length != 2 || Int(head[1]) is not { } id) return null;
        var name = text[(open + 1)..close];
        var words = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return null;
        var type = words[0];
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < words.Length; i += 2) pairs.TryAdd(words[i], words[i + 1]);
        int? Get(string key) => pairs.TryGetValue(key, out var v) ? Int(v) : null;
        if (Get("size") is not { } size || Get("min_size") is not { } minSize || Get("crush_rule") is not { } rule) return null;
        var count = Get("peering_crush_bucket_count");
        var mandatory = Get("peering_crush_bucket_mandatory_member");
        var pool = new CephPool(id, name, type, size, minSize, rule, Get("pg_num") ?? 0, count is > 0, file.LineSpan(line))
        {
            PgpNum = Get("pgp_num") ?? Get("pg_num") ?? 0,
            Flags = OsdMapJsonReader.SplitList(pairs.GetValueOrDefault("flags")),
            Applications = OsdMapJsonReader.SplitList(pairs.GetValueOrDefault("application")),
            ErasureCodeProfile = pairs.GetValueOrDefault("profile"),
            PeeringCrushBucketCount = count ?? 0,
            PeeringCrushBucketTarget = Get("peering_crush_bucket_target") ?? 0,
            PeeringCrushBucketBarrier = Get("peering_crush_bucket_barrier") ?? 0,
            PeeringCrushMandatoryMember = mandatory is null or int.MaxValue ? null : mandatory,
        };
        return (pool, count is not null);
    }

    /// <summary><c>osd.0 down in  weight 1 up_from 0 ...</c>: state words come first, then key/value pairs.</summary>
    private static CephOsd ReadOsd(SourceFile file, int line, int id, string[] words)
    {
        var up = words.Contains("up");
        var @in = words.Contains("in");
        var weightAt = Array.IndexOf(words, "weight");
        var weight = weightAt >= 0 && weightAt + 1 < words.Length && double.TryParse(words[weightAt + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && double.IsFinite(w) ? w : 0;
        return new CephOsd(id, up, @in, weight, file.LineSpan(line));
    }
}
