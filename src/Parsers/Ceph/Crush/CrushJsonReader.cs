using System.Collections.Immutable;
using PveLint.Ceph.Json;
using PveLint.Json;
using PveLint.Model;

namespace PveLint.Ceph.Crush;

/// <summary>
/// <c>ceph osd crush dump -f json</c> (= <c>crushtool -i map --dump</c>, reference §1b) → <see cref="CrushMap"/>,
/// the same model the text map gives: shadow buckets (<c>pve1~ssd</c>) are dropped and become
/// <see cref="CrushBucket.ClassIds"/> of their real bucket, weights are 16.16 fixed point / 65536, a take step's
/// <c>item_name</c> <c>default~ssd</c> becomes item <c>default</c> with class <c>ssd</c>, and only real tunables
/// are kept (not the derived <c>profile</c>, <c>has_v2_rules</c>, ... keys).
/// </summary>
public static class CrushJsonReader
{
    public static bool Looks(JsonNode root) => root.IsObject && root.Has("buckets") && root.Has("rules") && (root.Has("devices") || root.Has("types"));

    public static CrushMap Read(string path, JsonNode root, DumpDiagnostics context)
    {
        var map = new JsonFields(root, "the CRUSH dump", context);

        var devices = new SortedDictionary<int, CrushDevice>();
        foreach (var d in map.Array("devices"))
        {
            if (!d.IsObject) continue;
            var f = new JsonFields(d, "a CRUSH device", context);
            if (f.RequiredInt("id") is not { } id || f.RequiredString("name") is not { } name) continue;
            devices[id] = new CrushDevice(id, name, f.OptionalString("class"), d.Span);
        }

        var types = new SortedDictionary<int, CrushType>();
        foreach (var t in map.Array("types"))
        {
            if (!t.IsObject) continue;
            var f = new JsonFields(t, "a CRUSH type", context);
            if (f.RequiredInt("type_id") is { } id && f.RequiredString("name") is { } name) types[id] = new CrushType(id, name);
        }

        // All bucket names by id first (shadow buckets included), so items and take steps can be named.
        var bucketNodes = map.Array("buckets").Where(b => b.IsObject).ToList();
        var names = new Dictionary<int, string>();
        foreach (var d in devices.Values) names[d.Id] = d.Name;
        foreach (var b in bucketNodes)
            if (b.Get("id")?.AsInt32() is { } id && b.Get("name")?.AsString() is { } name) names[id] = name;
        string NameOf(int id) => names.TryGetValue(id, out var n) ? n : id >= 0 ? $"device{id}" : $"bucket{-1 - id}";

        var classIds = new Dictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        var buckets = new List<CrushBucket>();
        foreach (var b in bucketNodes)
        {
            var f = new JsonFields(b, "a CRUSH bucket", context);
            if (f.RequiredInt("id") is not { } id || f.RequiredString("name") is not { } name) continue;
            var tilde = name.IndexOf('~');
            if (tilde >= 0)
            {
                var owner = name[..tilde];
                if (!classIds.TryGetValue(owner, out var byClass)) classIds[owner] = byClass = new SortedDictionary<string, int>(StringComparer.Ordinal);
                byClass[name[(tilde + 1)..]] = id;
                continue;
            }
            var typeName = f.OptionalString("type_name") ?? (f.OptionalInt("type_id") is { } tid && types.TryGetValue(tid, out var ty) ? ty.Name : "");
            var items = ImmutableArray.CreateBuilder<CrushItem>();
            foreach (var item in new JsonFields(b, $"bucket '{name}'", context).Array("items"))
            {
                if (!item.IsObject) continue;
                var fi = new JsonFields(item, $"an item of bucket '{name}'", context);
                if (fi.RequiredInt("id") is not { } itemId) continue;
                items.Add(new CrushItem(NameOf(itemId), CrushNumbers.FromFixed(fi.OptionalInt64("weight") ?? 0)));
            }
            buckets.Add(new CrushBucket(id, name, typeName, f.OptionalString("alg") ?? "", items.ToImmutable(), b.Span));
        }
        var modelBuckets = buckets
            .Select(b => classIds.TryGetValue(b.Name, out var ids) ? b with { ClassIds = ids.ToImmutableSortedDictionary(StringComparer.Ordinal) } : b)
            .OrderByDescending(b => b.Id)
            .ToImmutableArray();

        var rules = new SortedDictionary<int, CrushRule>();
        foreach (var r in map.Array("rules"))
        {
            if (!r.IsObject) continue;
            var f = new JsonFields(r, "a CRUSH rule", context);
            if (f.RequiredInt("rule_id") is not { } id) continue;
            var name = f.OptionalString("rule_name") ?? "";
            var steps = ImmutableArray.CreateBuilder<CrushStep>();
            foreach (var s in new JsonFields(r, $"rule '{name}'", context).Array("steps"))
            {
                if (!s.IsObject) continue;
                var fs = new JsonFields(s, $"a step of rule '{name}'", context);
                if (fs.RequiredString("op") is not { } op) continue;
                string? item = null, itemClass = null;
                if (op == "take")
                {
                    var itemName = fs.OptionalString("item_name") ?? (fs.OptionalInt("item") is { } itemId ? NameOf(itemId) : null);
                    if (itemName is not null)
                    {
                        var tilde = itemName.IndexOf('~');
                        (item, itemClass) = tilde >= 0 ? (itemName[..tilde], itemName[(tilde + 1)..]) : (itemName, null);
                    }
                }
                steps.Add(new CrushStep(op, item, itemClass, fs.OptionalInt("num"), fs.OptionalString("type")));
            }
            rules[id] = new CrushRule(id, name, RuleType(f.OptionalInt("type")), steps.ToImmutable(), r.Span);
        }

        var tunables = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        if (map.Object("tunables") is { } tunablesNode)
            foreach (var m in tunablesNode.Members)
                if (CrushTunables.IsKnown(m.Name) && m.Value.AsInt64() is { } v) tunables[m.Name] = v;

        var crush = new CrushMap(path, devices.Values.ToImmutableArray(), types.Values.ToImmutableArray(), modelBuckets, rules.Values.ToImmutableArray(), tunables.ToImmutable())
        {
            ChooseArgs = ReadChooseArgs(map.Object("choose_args"), context),
        };
        CrushTopology.Check(crush, context.Report);
        return crush;
    }

    /// <summary>Rule type numbers: 1 replicated, 3 erasure [lab]; 4 msr_firstn, 5 msr_indep [code: crush.h, Squid].</summary>
    public static string RuleType(int? type) => type switch
    {
        1 => "replicated",
        3 => "erasure",
        4 => "msr_firstn",
        5 => "msr_indep",
        null => "",
        _ => type.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static ImmutableArray<CrushChooseArgs> ReadChooseArgs(JsonNode? node, DumpDiagnostics context)
    {
        if (node is null) return [];
        var result = new SortedDictionary<long, CrushChooseArgs>();
        foreach (var set in node.Members)
        {
            if (!CrushNumbers.TryChooseArgsId(set.Name, out var id) || !set.Value.IsArray) continue;
            var args = ImmutableArray.CreateBuilder<CrushChooseArg>();
            foreach (var a in set.Value.Items.Where(a => a.IsObject))
            {
                var f = new JsonFields(a, $"an entry of choose_args {set.Name}", context);
                if (f.RequiredInt("bucket_id") is not { } bucketId) continue;
                var weightSets = f.Array("weight_set")
                    .Select(row => row.Items.Select(w => Math.Round((w.AsDouble() ?? 0) * CrushNumbers.FixedOne) / CrushNumbers.FixedOne).ToImmutableArray())
                    .ToImmutableArray();
                var ids = f.Array("ids").Select(i => i.AsInt32() ?? 0).ToImmutableArray();
                args.Add(new CrushChooseArg(bucketId, weightSets, ids));
            }
            result[id] = new CrushChooseArgs(id, args.OrderByDescending(a => a.BucketId).ToImmutableArray(), set.Value.Span);
        }
        return result.Values.ToImmutableArray();
    }
}
