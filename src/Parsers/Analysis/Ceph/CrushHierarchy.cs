using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.Ceph;

/// <summary>
/// A CRUSH map the way the mapper sees it: numeric item ids, 16.16 fixed-point weights, type ids, and the per-class
/// shadow trees that <c>step take X class C</c> walks (reference/ceph-stretch.md §1a).
/// <para>
/// The model keeps only real buckets, each with the ids of its shadow copies (<see cref="CrushBucket.ClassIds"/>).
/// A shadow bucket is rebuilt the way Ceph's <c>device_class_clone</c> builds it: the real bucket's algorithm and
/// type, its devices of that class with their weights, and every child bucket's shadow (even an empty one, weight 0),
/// in the real bucket's item order; its weight is the sum of its items. When the map gives no shadow id for a bucket
/// and class, a free id is made up and the node says so (<see cref="Node.MadeUpId"/>), because straw2 hashes item
/// ids and a placement through it can then differ from Ceph's.
/// </para>
/// </summary>
public sealed class CrushHierarchy
{
    /// <summary>A bucket, real or shadow; <see cref="Items"/> and <see cref="Weights"/> are parallel.</summary>
    public sealed record Node(
        int Id,
        string Name,
        int TypeId,
        string TypeName,
        string Algorithm,
        ImmutableArray<int> Items,
        ImmutableArray<uint> Weights,
        string? DeviceClass)
    {
        /// <summary>A shadow bucket whose id the map did not give (see the class summary).</summary>
        public bool MadeUpId { get; init; }

        public long TotalWeight => Weights.Aggregate(0L, (sum, w) => sum + w);
    }

    private readonly Dictionary<int, Node> nodes = new();
    private readonly Dictionary<string, int> idsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> devices = new();
    private readonly Dictionary<int, string?> deviceClasses = new();
    private readonly Dictionary<string, int> typeIds = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> typeNames = new();
    private readonly Dictionary<int, int> parents = new();
    private readonly Dictionary<(int Bucket, string Class), int> shadowIds = new();

    public CrushMap Map { get; }

    /// <summary>One more than the highest device id (CRUSH's max_devices): items at or above it are invalid.</summary>
    public int MaxDevices { get; }


    public CrushHierarchy(CrushMap map)
    {
        Map = map;
        foreach (var t in map.Types)
        {
            typeIds.TryAdd(t.Name, t.Id);
            typeNames.TryAdd(t.Id, t.Name);
        }
        foreach (var d in map.Devices)
        {
            devices[d.Id] = d.Name;
            deviceClasses[d.Id] = d.Class;
            idsByName.TryAdd(d.Name, d.Id);
        }
        MaxDevices = map.Devices.IsEmpty ? 0 : map.Devices.Max(d => d.Id) + 1;
        foreach (var b in map.Buckets) idsByName.TryAdd(b.Name, b.Id);

        foreach (var b in map.Buckets)
        {
            var items = ImmutableArray.CreateBuilder<int>(b.Items.Length);
            var weights = ImmutableArray.CreateBuilder<uint>(b.Items.Length);
            foreach (var item in b.Items)
            {
                if (!idsByName.TryGetValue(item.Name, out var id)) continue; // reported by the reader (PVE0008)
                items.Add(id);
                weights.Add(FixedWeight(item.Weight));
                parents.TryAdd(id, b.Id);
            }
            var typeId = typeIds.TryGetValue(b.Type, out var t) ? t : int.MinValue; // an undefined type is PVE0008 already
            nodes[b.Id] = new Node(b.Id, b.Name, typeId, b.Type, b.Algorithm, items.ToImmutable(), weights.ToImmutable(), null);
            foreach (var (cls, shadowId) in b.ClassIds) shadowIds[(b.Id, cls)] = shadowId;
        }

        // Every shadow tree is built here, so that the hierarchy never changes after construction (rules may share it).
        var classes = map.Devices.Select(d => d.Class).OfType<string>().Concat(map.Buckets.SelectMany(b => b.ClassIds.Keys))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var cls in classes)
            foreach (var b in map.Buckets.OrderByDescending(b => b.Id))
                Shadow(b.Id, cls, 0);
    }

    /// <summary>A weight of the model (weight/65536) back in CRUSH's 16.16 fixed point.</summary>
    public static uint FixedWeight(double weight) =>
        weight <= 0 ? 0 : weight * 65536 >= uint.MaxValue ? uint.MaxValue : (uint)Math.Round(weight * 65536);

    public static bool IsDevice(int id) => id >= 0;

    /// <summary>A bucket by id, real or shadow (shadow buckets exist once a take with a class has asked for them).</summary>
    public Node? Bucket(int id) => nodes.GetValueOrDefault(id);

    public Node? Bucket(string name) => idsByName.TryGetValue(name, out var id) ? Bucket(id) : null;

    public int? IdOf(string name) => idsByName.TryGetValue(name, out var id) ? id : null;

    /// <summary>The item's name: a device (osd.3), a real bucket (pve1) or a shadow bucket (pve1~ssd).</summary>
    public string NameOf(int id) =>
        id >= 0 ? devices.GetValueOrDefault(id, $"osd.{id}") : nodes.TryGetValue(id, out var n) ? n.Name : $"bucket {id}";

    public bool HasDevice(int id) => devices.ContainsKey(id);

    public string? ClassOf(int device) => deviceClasses.GetValueOrDefault(device);

    public int? TypeId(string typeName) => typeIds.TryGetValue(typeName, out var id) ? id : null;

    public string TypeName(int typeId) => typeNames.GetValueOrDefault(typeId, $"type {typeId}");

    /// <summary>The type id of an item: 0 for devices (CRUSH's convention), the bucket's type otherwise.</summary>
    public int TypeOf(int id) => id >= 0 ? 0 : nodes.TryGetValue(id, out var n) ? n.TypeId : int.MinValue;

    /// <summary>The real bucket that holds an item (the first, if a device is listed twice), or null for a root.</summary>
    public int? ParentOf(int id) => parents.TryGetValue(id, out var p) ? p : null;

    /// <summary>The item itself or its nearest real ancestor of the given type, or null when there is none.</summary>
    public int? AncestorOfType(int id, int typeId)
    {
        int? current = id;
        for (var depth = 0; current is { } c && depth < 64; depth++)
        {
            if (TypeOf(c) == typeId && (c < 0 || typeId == 0)) return c;
            current = ParentOf(c);
        }
        return null;
    }

    /// <summary>Every item under a bucket (not the bucket itself), each once, in tree order.</summary>
    public IEnumerable<int> Descendants(int id)
    {
        var seen = new HashSet<int> { id };
        var stack = new Stack<int>();
        if (nodes.TryGetValue(id, out var root))
            for (var i = root.Items.Length - 1; i >= 0; i--) stack.Push(root.Items[i]);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!seen.Add(current)) continue;
            yield return current;
            if (current >= 0 || !nodes.TryGetValue(current, out var node)) continue;
            for (var i = node.Items.Length - 1; i >= 0; i--) stack.Push(node.Items[i]);
        }
    }

    /// <summary>Every device under an item (the item itself when it is a device), each once, in tree order.</summary>
    public IEnumerable<int> DevicesUnder(int id) => id >= 0 ? [id] : Descendants(id).Where(IsDevice);

    /// <summary>
    /// The item a <c>step take</c> starts from: the named bucket or device, or with a class the bucket's shadow
    /// (<c>default~ssd</c>). Null when the name or class does not resolve.
    /// </summary>
    public int? ResolveTake(string item, string? deviceClass)
    {
        if (!idsByName.TryGetValue(item, out var id)) return null;
        if (deviceClass is null) return id;
        if (id >= 0) return ClassOf(id) == deviceClass ? id : null;
        return Shadow(id, deviceClass, 0).Id;
    }

    private Node Shadow(int realId, string deviceClass, int depth)
    {
        var real = nodes[realId];
        if (real.DeviceClass is not null) return real;
        if (shadowIds.TryGetValue((realId, deviceClass), out var known) && nodes.TryGetValue(known, out var built) && built.DeviceClass == deviceClass)
            return built;

        var items = ImmutableArray.CreateBuilder<int>();
        var weights = ImmutableArray.CreateBuilder<uint>();
        for (var i = 0; i < real.Items.Length; i++)
        {
            var item = real.Items[i];
            if (item >= 0)
            {
                if (ClassOf(item) != deviceClass) continue;
                items.Add(item);
                weights.Add(real.Weights[i]);
            }
            else if (nodes.ContainsKey(item) && depth < 64)
            {
                var child = Shadow(item, deviceClass, depth + 1);
                items.Add(child.Id);
                weights.Add((uint)Math.Min(uint.MaxValue, child.TotalWeight));
            }
        }

        var madeUp = false;
        if (!shadowIds.TryGetValue((realId, deviceClass), out var id))
        {
            id = -1;
            while (nodes.ContainsKey(id) || shadowIds.ContainsValue(id)) id--;
            shadowIds[(realId, deviceClass)] = id;
            madeUp = true;
        }
        var shadow = new Node(id, $"{real.Name}~{deviceClass}", real.TypeId, real.TypeName, real.Algorithm, items.ToImmutable(), weights.ToImmutable(), deviceClass)
        {
            MadeUpId = madeUp || items.Any(i => i < 0 && nodes[i].MadeUpId),
        };
        nodes[id] = shadow;
        idsByName.TryAdd(shadow.Name, id);
        foreach (var item in shadow.Items) if (item < 0) parents.TryAdd(item, id);
        return shadow;
    }

    /// <summary>The real bucket a shadow bucket copies (pve1 for pve1~ssd); the bucket itself when it is real.</summary>
    public int RealOf(int id)
    {
        if (id >= 0 || !nodes.TryGetValue(id, out var node) || node.DeviceClass is null) return id;
        foreach (var ((real, _), shadow) in shadowIds)
            if (shadow == id) return real;
        return id;
    }
}
