using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Ceph.Crush;

/// <summary>
/// Turns a <see cref="CrushMapSyntax"/> into the <see cref="CrushMap"/> model with the checks CrushCompiler makes
/// after parsing (undefined items, types and classes → PVE0008; duplicate names and ids → PVE0005; bad algorithm or
/// weight → PVE0003; unknown tunable → PVE0002). Weights become what crushtool would store (16.16 fixed point): an
/// explicit weight through <see cref="CrushNumbers.TryFixedWeight"/>, a device without weight 1.0, and a bucket
/// without weight the sum of its own items. Order is canonical so that the text and the JSON dump of one map
/// give the same model: devices, types and rules by id, buckets by id descending (-1 first, as Ceph stores them).
/// </summary>
public static class CrushTextBinder
{
    private static readonly ImmutableHashSet<string> Algorithms = ImmutableHashSet.Create(StringComparer.Ordinal, "uniform", "list", "tree", "straw", "straw2");

    private sealed class BucketDraft(CrushBucketSyntax syntax)
    {
        public CrushBucketSyntax Syntax { get; } = syntax;
        public int Id { get; set; }
        public bool HasExplicitId { get; set; }
        public ImmutableSortedDictionary<string, int>.Builder ClassIds { get; } = ImmutableSortedDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        public List<(string Name, long? Weight, int Position, CrushBucketItemSyntax Syntax)> Items { get; } = [];
        public long? TotalWeight { get; set; }
    }

    public static CrushMap Bind(CrushMapSyntax syntax, BindContext context)
    {
        var diagnostics = new DumpDiagnostics(context, syntax.Path);
        var map = Bind(syntax, diagnostics);
        diagnostics.Complete();
        return map;
    }

    public static CrushMap Bind(CrushMapSyntax syntax, DumpDiagnostics context)
    {
        foreach (var d in syntax.Diagnostics) context.Report(d.Id, d.Span ?? SourceSpan.WholeFile(syntax.Path), d.Message);
        void Report(string id, SourceSpan span, string message) => context.Report(id, span, message);

        var tunables = ReadTunables(syntax, Report);

        var types = new Dictionary<int, CrushType>();
        var typeNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in syntax.OfKind<CrushTypeSyntax>())
        {
            if (!CrushNumbers.TryInt(t.Id.Text, out var id)) { Report(DiagnosticIds.InvalidValue, t.Id.Span, $"Type id {t.Id.Text} of type '{t.Name.Text}' is out of range."); continue; }
            types[id] = new CrushType(id, t.Name.Text); // crushtool's set_type_name: a later line replaces an earlier one
            typeNames.Add(t.Name.Text);
        }

        var devices = new Dictionary<int, CrushDevice>();
        var itemNames = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        var classes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in syntax.OfKind<CrushDeviceSyntax>())
        {
            if (!CrushNumbers.TryInt(d.Id.Text, out var id)) { Report(DiagnosticIds.InvalidValue, d.Id.Span, $"Device id {d.Id.Text} of '{d.Name.Text}' is out of range."); continue; }
            if (itemNames.TryGetValue(d.Name.Text, out var first))
            {
                Report(DiagnosticIds.DuplicateSection, d.Name.Span, $"Device '{d.Name.Text}' is defined twice (first on line {first.Line}); crushtool rejects the map with 'item {d.Name.Text} defined twice'.");
                continue;
            }
            if (devices.TryGetValue(id, out var other))
                Report(DiagnosticIds.DuplicateSection, d.Id.Span, $"Device id {id} is used by both '{other.Name}' and '{d.Name.Text}'; the later name replaces the earlier one.");
            itemNames[d.Name.Text] = d.Name.Span;
            devices[id] = new CrushDevice(id, d.Name.Text, d.Class?.Text, d.Span);
            if (d.Class is { } c) classes.Add(c.Text);
        }

        var buckets = ReadBuckets(syntax, typeNames, itemNames, classes, Report);
        AssignMissingIds(buckets);
        var bucketsByName = buckets.ToDictionary(b => b.Syntax.Name.Text, StringComparer.Ordinal);
        ComputeWeights(buckets, bucketsByName, Report);

        var deviceNames = devices.Values.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var rules = ReadRules(syntax, typeNames, deviceNames, bucketsByName, classes, Report);
        var chooseArgs = ReadChooseArgs(syntax, buckets, Report);

        var modelBuckets = buckets
            .Select(b => new CrushBucket(
                b.Id, b.Syntax.Name.Text, b.Syntax.TypeName.Text, b.Syntax.Algorithm.Text,
                b.Items.OrderBy(i => i.Position).Select(i => new CrushItem(i.Name, CrushNumbers.FromFixed(i.Weight ?? 0))).ToImmutableArray(),
                b.Syntax.Span) { ClassIds = b.ClassIds.ToImmutable() })
            .OrderByDescending(b => b.Id)
            .ToImmutableArray();

        var map = new CrushMap(
            syntax.Path,
            devices.Values.OrderBy(d => d.Id).ToImmutableArray(),
            types.Values.OrderBy(t => t.Id).ToImmutableArray(),
            modelBuckets,
            rules,
            tunables) { ChooseArgs = chooseArgs };
        CrushTopology.Check(map, Report);
        return map;
    }

    private static ImmutableSortedDictionary<string, long> ReadTunables(CrushMapSyntax syntax, Action<string, SourceSpan, string> report)
    {
        var tunables = CrushTunables.Legacy.ToBuilder();
        var seen = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        foreach (var t in syntax.OfKind<CrushTunableSyntax>())
        {
            var name = t.Name.Text;
            if (!CrushTunables.IsKnown(name))
            {
                report(DiagnosticIds.UnknownKey, t.Name.Span, $"Tunable '{name}' is not a CRUSH tunable; crushtool rejects the map with 'tunable {name} not recognized'.");
                continue;
            }
            if (!long.TryParse(t.Value.Text, out var value) || value > uint.MaxValue)
            {
                report(DiagnosticIds.InvalidValue, t.Value.Span, $"Tunable '{name}' has the value {t.Value.Text}, which does not fit a CRUSH tunable.");
                continue;
            }
            if (seen.TryGetValue(name, out var first))
                report(DiagnosticIds.DuplicateKey, t.Name.Span, $"Tunable '{name}' is set twice (first on line {first.Line}); crushtool keeps the later value {value}.");
            seen[name] = t.Name.Span;
            tunables[name] = value;
        }
        return tunables.ToImmutable();
    }

    private static List<BucketDraft> ReadBuckets(
        CrushMapSyntax syntax, HashSet<string> typeNames, Dictionary<string, SourceSpan> itemNames, HashSet<string> classes,
        Action<string, SourceSpan, string> report)
    {
        var drafts = new List<BucketDraft>();
        var ids = new Dictionary<int, string>();
        // Items may name buckets defined further down: crushtool reorders buckets before compiling them.
        var allNames = new HashSet<string>(itemNames.Keys, StringComparer.Ordinal);
        allNames.UnionWith(syntax.OfKind<CrushBucketSyntax>().Select(b => b.Name.Text));

        foreach (var b in syntax.OfKind<CrushBucketSyntax>())
        {
            var name = b.Name.Text;
            if (!typeNames.Contains(b.TypeName.Text))
                report(DiagnosticIds.UnresolvedReference, b.TypeName.Span, $"Bucket '{name}' has the type '{b.TypeName.Text}', which no 'type' line defines; crushtool rejects the map.");
            if (itemNames.TryGetValue(name, out var first))
            {
                report(DiagnosticIds.DuplicateSection, b.Name.Span, $"Bucket '{name}' is already defined as a device or bucket on line {first.Line}; crushtool rejects the map.");
                continue;
            }
            itemNames[name] = b.Name.Span;
            if (!Algorithms.Contains(b.Algorithm.Text))
                report(DiagnosticIds.InvalidValue, b.Algorithm.Span, $"Bucket '{name}' uses the algorithm '{b.Algorithm.Text}'; crushtool knows only uniform, list, tree, straw and straw2.");

            var draft = new BucketDraft(b);
            foreach (var idSyntax in b.Ids)
            {
                if (!CrushNumbers.TryInt(idSyntax.Id.Text, out var id)) { report(DiagnosticIds.InvalidValue, idSyntax.Id.Span, $"Bucket '{name}' has the id {idSyntax.Id.Text}, which is out of range."); continue; }
                if (ids.TryGetValue(id, out var owner))
                    report(DiagnosticIds.DuplicateSection, idSyntax.Id.Span, $"Bucket '{name}' uses the id {id}, which bucket '{owner}' already uses; crushtool rejects the map.");
                ids.TryAdd(id, name);
                if (idSyntax.Class is { } cls)
                {
                    if (!draft.ClassIds.TryAdd(cls.Text, id))
                        report(DiagnosticIds.DuplicateKey, cls.Span, $"Bucket '{name}' has two ids for device class '{cls.Text}'; crushtool rejects the map with 'duplicate device class'.");
                    classes.Add(cls.Text); // a shadow id declares the class even when no device uses it yet
                }
                else
                {
                    draft.Id = id; // the last plain id line wins, as in CrushCompiler::parse_bucket
                    draft.HasExplicitId = true;
                }
            }

            ReadItems(b, draft, allNames, report);
            drafts.Add(draft);
        }
        return drafts;
    }

    private static void ReadItems(CrushBucketSyntax b, BucketDraft draft, HashSet<string> allNames, Action<string, SourceSpan, string> report)
    {
        var name = b.Name.Text;
        var used = new HashSet<int>();
        foreach (var item in b.Items)
        {
            if (item.Position is { } p && CrushNumbers.TryInt(p.Text, out var pos) && !used.Add(pos))
                report(DiagnosticIds.InvalidValue, p.Span, $"Item '{item.Name.Text}' in bucket '{name}' asks for position {pos}, which another item already has; crushtool rejects the map.");
        }
        var next = 0;
        foreach (var item in b.Items)
        {
            if (!allNames.Contains(item.Name.Text))
            {
                report(DiagnosticIds.UnresolvedReference, item.Name.Span, $"Item '{item.Name.Text}' in bucket '{name}' is not defined as a device or bucket; crushtool rejects the map.");
                continue;
            }
            long? weight = null;
            if (item.Weight is { } w)
            {
                if (!CrushNumbers.TryFixedWeight(w.Text, out var fixedWeight))
                    report(DiagnosticIds.InvalidValue, w.Span, $"Item '{item.Name.Text}' in bucket '{name}' has the weight {w.Text}, which is not a non-negative number.");
                else
                    weight = fixedWeight;
            }
            int position;
            if (item.Position is { } p && CrushNumbers.TryInt(p.Text, out var explicitPos) && explicitPos >= 0)
            {
                position = explicitPos;
            }
            else
            {
                while (used.Contains(next)) next++;
                position = next++;
            }
            draft.Items.Add((item.Name.Text, weight, position, item));
        }
    }

    /// <summary>A bucket without an id line gets the first free negative id, counting every id the map names.</summary>
    private static void AssignMissingIds(List<BucketDraft> buckets)
    {
        var used = new HashSet<int>(buckets.Where(b => b.HasExplicitId).Select(b => b.Id));
        used.UnionWith(buckets.SelectMany(b => b.ClassIds.Values));
        foreach (var b in buckets.Where(b => !b.HasExplicitId))
        {
            var id = -1;
            while (used.Contains(id)) id--;
            b.Id = id;
            used.Add(id);
        }
    }

    /// <summary>
    /// Fills in item weights that the text leaves out (a child bucket's total) and checks crushtool's weight limits.
    /// Iterative post-order walk that finishes each bucket once, so a deep, cyclic or many-times-shared bucket
    /// graph can neither overflow the stack nor cost more than its size.
    /// </summary>
    private static void ComputeWeights(List<BucketDraft> buckets, Dictionary<string, BucketDraft> byName, Action<string, SourceSpan, string> report)
    {
        var state = new Dictionary<BucketDraft, int>(); // 1 = in progress, 2 = done
        foreach (var root in buckets)
        {
            if (state.ContainsKey(root)) continue;
            var stack = new Stack<(BucketDraft Bucket, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (bucket, next) = stack.Pop();
                if (next < bucket.Items.Count)
                {
                    stack.Push((bucket, next + 1));
                    if (!byName.TryGetValue(bucket.Items[next].Name, out var child)) continue;
                    if (!state.TryGetValue(child, out var s))
                    {
                        state[child] = 1;
                        stack.Push((child, 0));
                    }
                    else if (s == 1)
                    {
                        // A cycle (reported by CrushTopology): the edge that closes it weighs nothing.
                        var items = bucket.Items;
                        items[next] = items[next] with { Weight = items[next].Weight ?? 0 };
                    }
                    continue;
                }
                long total = 0;
                for (var i = 0; i < bucket.Items.Count; i++)
                {
                    var (name, weight, position, syntax) = bucket.Items[i];
                    var isBucket = byName.TryGetValue(name, out var child);
                    var w = weight ?? (isBucket ? child!.TotalWeight ?? 0 : 0x10000);
                    var limit = isBucket ? CrushNumbers.MaxBucketWeightFixed : CrushNumbers.MaxDeviceWeightFixed;
                    if (weight is not null && w > limit)
                    {
                        report(DiagnosticIds.InvalidValue, syntax.Weight?.Span ?? syntax.Span,
                            $"Item '{name}' in bucket '{bucket.Syntax.Name.Text}' weighs {CrushNumbers.FromFixed(w):0.###}; crushtool limits a {(isBucket ? "bucket" : "device")} weight to {limit / 0x10000}.");
                    }
                    bucket.Items[i] = (name, w, position, syntax);
                    total = Math.Min(uint.MaxValue, total + w);
                }
                bucket.TotalWeight = total;
                state[bucket] = 2;
            }
        }
    }

    private static ImmutableArray<CrushRule> ReadRules(
        CrushMapSyntax syntax, HashSet<string> typeNames, HashSet<string> deviceNames, Dictionary<string, BucketDraft> buckets,
        HashSet<string> classes, Action<string, SourceSpan, string> report)
    {
        var rules = new SortedDictionary<int, CrushRule>();
        var names = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        foreach (var r in syntax.OfKind<CrushRuleSyntax>())
        {
            var name = r.Name?.Text ?? "";
            var label = r.Name is null ? $"the unnamed rule {r.Id.Text}" : $"rule '{name}'";
            if (!CrushNumbers.TryInt(r.Id.Text, out var id)) { report(DiagnosticIds.InvalidValue, r.Id.Span, $"The id {r.Id.Text} of {label} is out of range."); continue; }
            if (r.Name is { } n)
            {
                if (names.TryGetValue(name, out var first))
                {
                    report(DiagnosticIds.DuplicateSection, n.Span, $"Rule name '{name}' is already used on line {first.Line}; crushtool rejects the map.");
                    continue;
                }
                names[name] = n.Span;
            }
            if (rules.TryGetValue(id, out var existing))
            {
                report(DiagnosticIds.DuplicateSection, r.Id.Span, $"Rule id {id} of {label} is already used by rule '{existing.Name}'; crushtool rejects the map with 'rule {id} already exists'.");
                continue;
            }

            var steps = ImmutableArray.CreateBuilder<CrushStep>();
            foreach (var step in r.Steps)
            {
                switch (step)
                {
                    case CrushTakeStepSyntax take:
                        if (!deviceNames.Contains(take.Item.Text) && !buckets.ContainsKey(take.Item.Text))
                            report(DiagnosticIds.UnresolvedReference, take.Item.Span, $"In {label}, 'step take {take.Item.Text}' names no bucket or device; crushtool rejects the map.");
                        if (take.Class is { } cls && !classes.Contains(cls.Text))
                            report(DiagnosticIds.UnresolvedReference, cls.Span, $"In {label}, 'step take {take.Item.Text} class {cls.Text}' names a device class that no device or bucket has; crushtool rejects the map.");
                        steps.Add(new CrushStep("take", take.Item.Text, take.Class?.Text, null, null));
                        break;
                    case CrushChooseStepSyntax choose:
                        if (!typeNames.Contains(choose.Type.Text))
                            report(DiagnosticIds.UnresolvedReference, choose.Type.Span, $"In {label}, the step chooses type '{choose.Type.Text}', which no 'type' line defines; crushtool rejects the map.");
                        int? count = CrushNumbers.TryInt(choose.Count.Text, out var c) ? c : null;
                        if (count is null) report(DiagnosticIds.InvalidValue, choose.Count.Span, $"In {label}, the count {choose.Count.Text} is out of range.");
                        steps.Add(new CrushStep($"{choose.Verb.Text}_{choose.Mode.Text}", null, null, count, choose.Type.Text));
                        break;
                    case CrushSetStepSyntax set:
                        int? value = CrushNumbers.TryInt(set.Value.Text, out var v) ? v : null;
                        if (value is null) report(DiagnosticIds.InvalidValue, set.Value.Span, $"In {label}, the value {set.Value.Text} of '{set.Name.Text}' is out of range.");
                        steps.Add(new CrushStep(set.Name.Text, null, null, value, null));
                        break;
                    case CrushEmitStepSyntax:
                        steps.Add(new CrushStep("emit", null, null, null, null));
                        break;
                }
            }
            rules[id] = new CrushRule(id, name, r.Type.Text, steps.ToImmutable(), r.Span);
        }
        return rules.Values.ToImmutableArray();
    }

    private static ImmutableArray<CrushChooseArgs> ReadChooseArgs(CrushMapSyntax syntax, List<BucketDraft> buckets, Action<string, SourceSpan, string> report)
    {
        var byId = new Dictionary<int, BucketDraft>();
        foreach (var b in buckets) byId.TryAdd(b.Id, b);
        var result = new SortedDictionary<long, CrushChooseArgs>();
        foreach (var block in syntax.OfKind<CrushChooseArgsSyntax>())
        {
            if (!CrushNumbers.TryChooseArgsId(block.Id.Text, out var id)) { report(DiagnosticIds.InvalidValue, block.Id.Span, $"The choose_args id {block.Id.Text} is out of range."); continue; }
            if (result.ContainsKey(id)) { report(DiagnosticIds.DuplicateSection, block.Id.Span, $"choose_args {block.Id.Text} is defined twice; crushtool rejects the map with '{block.Id.Text} duplicated'."); continue; }
            var args = ImmutableArray.CreateBuilder<CrushChooseArg>();
            foreach (var arg in block.Args)
            {
                if (!CrushNumbers.TryInt(arg.BucketId.Text, out var bucketId) || !byId.TryGetValue(bucketId, out var bucket))
                {
                    report(DiagnosticIds.UnresolvedReference, arg.BucketId.Span, $"choose_args {block.Id.Text} names bucket id {arg.BucketId.Text}, which no bucket has; crushtool rejects the map.");
                    continue;
                }
                var size = bucket.Items.Count;
                var weightSets = ImmutableArray.CreateBuilder<ImmutableArray<double>>();
                foreach (var row in arg.WeightSet ?? [])
                {
                    if (row.Length != size)
                        report(DiagnosticIds.InvalidValue, row.IsEmpty ? arg.BucketId.Span : row[0].Span.Union(row[^1].Span),
                            $"A weight_set row for bucket '{bucket.Syntax.Name.Text}' has {row.Length} weights, but the bucket has {size} items; crushtool rejects the map.");
                    weightSets.Add(row.Select(w => CrushNumbers.TryFixedWeight(w.Text, out var f) ? CrushNumbers.FromFixed(f) : 0).ToImmutableArray());
                }
                var ids = arg.Ids ?? [];
                if (arg.Ids is not null && ids.Length != size)
                    report(DiagnosticIds.InvalidValue, arg.BucketId.Span, $"The ids list for bucket '{bucket.Syntax.Name.Text}' has {ids.Length} ids, but the bucket has {size} items; crushtool rejects the map.");
                args.Add(new CrushChooseArg(bucketId, weightSets.ToImmutable(), ids.Select(t => CrushNumbers.TryInt(t.Text, out var i) ? i : 0).ToImmutableArray()));
            }
            result[id] = new CrushChooseArgs(id, args.OrderByDescending(a => a.BucketId).ToImmutableArray(), block.Span);
        }
        return result.Values.ToImmutableArray();
    }
}
