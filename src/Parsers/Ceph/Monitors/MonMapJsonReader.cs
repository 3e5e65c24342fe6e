using System.Collections.Immutable;
using PveLint.Ceph.Json;
using PveLint.Json;
using PveLint.Model;

namespace PveLint.Ceph.Monitors;

/// <summary>
/// <c>ceph mon dump -f json</c> (reference §1c), and the <c>monmap</c> object inside <c>ceph quorum_status</c>.
/// Pacific writes the keys <c>"disallowed_leaders: "</c> and <c>"removed_ranks: "</c> with a colon and space inside
/// the key; newer releases write them clean. Both spellings are read.
/// </summary>
public static class MonMapJsonReader
{
    public static bool Looks(JsonNode root) => root.IsObject && root.Get("mons") is { IsArray: true } && root.Has("epoch");

    public static bool LooksLikeQuorumStatus(JsonNode root) =>
        root.IsObject && root.Get("monmap") is { } m && Looks(m) && (root.Has("quorum_names") || root.Has("quorum"));

    public static MonMapFacts Read(string path, JsonNode monmap, DumpPreference preference, DumpDiagnostics context)
    {
        var f = new JsonFields(monmap, "the monitor map", context);
        var monitors = ImmutableArray.CreateBuilder<CephMonitor>();
        foreach (var m in f.Array("mons", required: true))
        {
            if (!m.IsObject) continue;
            var mf = new JsonFields(m, "a monitor of the monitor map", context);
            if (mf.RequiredString("name") is not { } name || mf.RequiredInt("rank") is not { } rank) continue;
            var addresses = new JsonFields(m, $"monitor '{name}'", context).Object("public_addrs") is { } addrs
                ? new JsonFields(addrs, $"the addresses of monitor '{name}'", context).Array("addrvec")
                    .Where(a => a.IsObject && a.Get("addr")?.AsString() is not null)
                    .Select(a => $"{a.Get("type")?.AsString() ?? "any"}:{a.Get("addr")!.AsString()}")
                    .ToImmutableArray()
                : [];
            var location = m.Get("crush_location") is { IsObject: true } locationObject
                ? LocationFromObject(locationObject)
                : CrushLocationText.Parse(mf.OptionalString("crush_location"));
            monitors.Add(new CephMonitor(name, rank, PublicAddress(mf.OptionalString("public_addr") ?? mf.OptionalString("addr"), addresses), location, m.Span)
            {
                Addresses = addresses,
            });
        }

        var byRank = new Dictionary<int, string>();
        foreach (var m in monitors) byRank.TryAdd(m.Rank, m.Name);
        var quorum = monitors.Count > 0
            ? f.Array("quorum").Select(q => q.AsInt32() is { } r && byRank.TryGetValue(r, out var n) ? n : null).OfType<string>().ToImmutableArray()
            : [];
        var disallowed = (f.OptionalString("disallowed_leaders") ?? f.OptionalString("disallowed_leaders: ") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableArray();
        var tiebreaker = f.OptionalString("tiebreaker_mon");

        return new MonMapFacts(
            path,
            f.OptionalInt64("epoch") ?? 0,
            preference,
            monitors.OrderBy(m => m.Rank).ToImmutableArray(),
            ElectionStrategies.FromNumber(f.OptionalInt64("election_strategy")),
            string.IsNullOrEmpty(tiebreaker) ? null : tiebreaker,
            f.OptionalBool("stretch_mode") ?? false,
            disallowed,
            quorum,
            monmap.Span);
    }

    /// <summary>Should a release write the location as a JSON object instead of a string, read that too.</summary>
    private static ImmutableDictionary<string, string> LocationFromObject(JsonNode node)
    {
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var m in node.Members)
            if (m.Value.AsString() is { } v) result[m.Name] = v;
        return result.ToImmutable();
    }

    /// <summary>
    /// The legacy (v1) address without its nonce, <c>10.0.0.1:6789</c>; when the dump has none, the first address
    /// of the address vector.
    /// </summary>
    internal static string? PublicAddress(string? legacy, ImmutableArray<string> addresses)
    {
        if (!string.IsNullOrEmpty(legacy) && !legacy.StartsWith('('))
        {
            var slash = legacy.LastIndexOf('/');
            return slash > 0 ? legacy[..slash] : legacy;
        }
        if (addresses.IsDefaultOrEmpty) return null;
        var first = addresses[0];
        var colon = first.IndexOf(':');
        return colon >= 0 ? first[(colon + 1)..] : first;
    }
}
