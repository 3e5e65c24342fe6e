using System.Collections.Immutable;
using PveLint.Ceph.Json;
using PveLint.Json;
using PveLint.Model;

namespace PveLint.Ceph.OsdMap;

/// <summary>
/// <c>ceph osd tree -f json</c>: used for the OSDs' up/in state when no OSD dump is given. Its hierarchy is not
/// turned into a CRUSH map: it has no rules, algorithms or tunables, and a half map would make rules guess.
/// </summary>
public static class OsdTreeJsonReader
{
    public static bool Looks(JsonNode root) => root.IsObject && root.Get("nodes") is { IsArray: true } && root.Has("stray");

    public static ImmutableArray<CephOsd> ReadOsds(JsonNode root, DumpDiagnostics context)
    {
        var osds = new SortedDictionary<int, CephOsd>();
        foreach (var n in new JsonFields(root, "the OSD tree", context).Array("nodes").Concat(new JsonFields(root, "the OSD tree", context).Array("stray")))
        {
            if (!n.IsObject || n.Get("type")?.AsString() != "osd") continue;
            var f = new JsonFields(n, "an OSD of the OSD tree", context);
            if (f.RequiredInt("id") is not { } id) continue;
            var reweight = f.OptionalDouble("reweight") ?? 0;
            osds[id] = new CephOsd(id, f.OptionalString("status") == "up", reweight > 0, reweight, n.Span);
        }
        return osds.Values.ToImmutableArray();
    }
}
