using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.Ceph;

/// <summary>
/// Walks a CRUSH rule over the tree structurally: for each <c>take … emit</c> block, which items of each chosen type
/// CRUSH can reach under each parent, and so how many copies the rule can place for a pool of a given size, how many of
/// them survive a set of failed OSDs, and how they spread over buckets of one type (reference/ceph-stretch.md §1a, §4).
/// <para>
/// The reachability follows the mapper: a straw2 or list bucket never picks an item of weight 0 unless all its items
/// are 0 (then it picks the first); a uniform bucket picks any item. A device is usable when its weight in the weight
/// vector is above 0 (not out). <c>chooseleaf</c> needs a usable device under the item it picks, while a plain
/// <c>choose</c> of a bucket type takes the bucket whatever lies below it, so a datacenter whose OSDs are all out is
/// still chosen and then yields nothing (as the lab saw: site2 out under stretch_rule gives 2 OSDs, not 4).
/// Retry limits are not modelled: with very many out OSDs CRUSH can give up (choose_total_tries) where this
/// evaluator says a placement exists; the crushtool differential tests measure how often.
/// </para>
/// </summary>
public static class CrushRuleEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="rule"/> for <paramref name="size"/> copies. <paramref name="weights"/> is the weight
    /// vector (null: every device in a bucket is in, as crushtool assumes); <paramref name="failed"/> are OSDs that
    /// are down but not out (still mapped, no longer serving); <paramref name="domainType"/> a bucket type (e.g.
    /// datacenter) whose buckets get a count of (surviving) copies each.
    /// </summary>
    public static RulePlacement Evaluate(CrushHierarchy hierarchy, CrushRule rule, int size,
        IReadOnlyList<uint>? weights = null, IReadOnlySet<int>? failed = null, string? domainType = null)
    {
        var evaluation = new Evaluation(hierarchy, size, weights ?? new CrushMapper(hierarchy).DefaultWeights(), failed, domainType);
        return evaluation.Run(rule);
    }

    private sealed class Evaluation
    {
        // Counter 0: copies; 1: surviving copies; 2..: surviving copies in each domain.
        private const int Copies = 0;
        private const int Surviving = 1;

        private readonly CrushHierarchy h;
        private readonly int size;
        private readonly IReadOnlyList<uint> weights;
        private readonly IReadOnlySet<int>? failed;
        private readonly string? domainType;
        private readonly int? domainTypeId;
        private readonly List<int> domains = [];
        private readonly Dictionary<int, int> domainIndex = new();
        private readonly List<PlacementStep> steps = [];
        private readonly List<string> problems = [];

        public Evaluation(CrushHierarchy hierarchy, int size, IReadOnlyList<uint> weights, IReadOnlySet<int>? failed, string? domainType)
        {
            h = hierarchy;
            this.size = size;
            this.weights = weights;
            this.failed = failed;
            this.domainType = domainType;
            if (domainType is not null && hierarchy.TypeId(domainType) is { } typeId)
            {
                domainTypeId = typeId;
                foreach (var b in hierarchy.Map.Buckets.Where(b => b.Type == domainType))
                {
                    domainIndex[b.Id] = domains.Count;
                    domains.Add(b.Id);
                }
            }
        }

        private int Width => 2 + domains.Count;

        private CountRange[] Zero() => Enumerable.Repeat(CountRange.Zero, Width).ToArray();

        public RulePlacement Run(CrushRule rule)
        {
            var total = Zero();
            int? take = null;
            string takeText = "";
            var chooses = new List<(int Index, CrushStep Step)>();
            var takeSeen = false;
            for (var i = 0; i < rule.Steps.Length; i++)
            {
                var step = rule.Steps[i];
                switch (step.Op)
                {
                    case "take":
                        takeSeen = true;
                        takeText = RuleText.Describe(step);
                        take = step.Item is null ? null : h.ResolveTake(step.Item, step.ItemClass);
                        if (take is null)
                            problems.Add(step.ItemClass is null
                                ? $"'{takeText}' names no bucket or device of the map"
                                : $"'{takeText}': {(h.IdOf(step.Item!) is null ? $"there is no bucket '{step.Item}'" : $"no OSD of class {step.ItemClass} is under '{step.Item}'")}");
                        else if (take < 0 && h.Bucket(take.Value)!.MadeUpId)
                            problems.Add($"'{takeText}': the map gives no shadow bucket id for class {step.ItemClass}, so exact placements may differ from Ceph's");
                        chooses.Clear();
                        break;
                    case "choose_firstn" or "chooseleaf_firstn" or "choose_indep" or "chooseleaf_indep":
                        if (!takeSeen) problems.Add($"step {i + 1} '{RuleText.Describe(step)}' comes before any take and does nothing");
                        chooses.Add((i, step));
                        break;
                    case "emit":
                        if (take is { } root)
                        {
                            var block = Block(root, chooses);
                            for (var j = 0; j < Width; j++) total[j] = new CountRange(total[j].Min + block[j].Min, total[j].Max + block[j].Max);
                        }
                        take = null;
                        chooses.Clear();
                        break;
                }
            }
            if (take is not null) problems.Add($"'{takeText}' is never emitted; a rule needs 'step emit' after its choose steps");
            Truncate(total);

            var perDomain = ImmutableSortedDictionary.CreateBuilder<string, CountRange>(StringComparer.Ordinal);
            for (var d = 0; d < domains.Count; d++) perDomain[h.NameOf(domains[d])] = total[2 + d];
            return new RulePlacement(rule, size, total[Copies], total[Surviving], domainTypeId is null ? null : domainType,
                perDomain.ToImmutable(), steps.ToImmutableArray(), problems.Distinct().ToImmutableArray());
        }

        private CountRange[] Block(int root, List<(int Index, CrushStep Step)> chooses)
        {
            if (chooses.Count == 0)
            {
                if (root >= 0) return Leaf(root);
                problems.Add($"a block emits bucket '{h.NameOf(root)}' itself, not OSDs");
                return Zero();
            }
            var result = Value(0, root, chooses);
            Truncate(result);
            return result;
        }

        /// <summary>The counters one choose step (and all after it) yields under one parent.</summary>
        private CountRange[] Value(int level, int parent, List<(int Index, CrushStep Step)> chooses)
        {
            var (index, step) = chooses[level];
            var numrep = step.Num ?? 0;
            if (numrep <= 0) numrep += size;
            if (numrep <= 0 || parent >= 0 || h.Bucket(parent) is null) return Zero();
            var typeName = step.BucketType ?? "";
            var typeId = h.TypeId(typeName) ?? int.MinValue;
            var leafMode = step.Op.StartsWith("chooseleaf", StringComparison.Ordinal) || typeId == 0;
            var last = level == chooses.Count - 1;

            var (reachable, deadEnd) = Reach(parent, typeId);
            var usable = reachable.Where(c => !leafMode || UsableLeaf(c)).ToList();
            var all = AllOfType(parent, typeId);
            string RealName(int id) => h.NameOf(h.RealOf(id));
            steps.Add(new PlacementStep(index, step.Op, typeName, numrep, RealName(parent), h.Bucket(parent)!.DeviceClass, last,
                usable.Select(RealName).ToImmutableArray(),
                all.Where(c => !usable.Contains(c)).Select(RealName).ToImmutableArray()));
            if (deadEnd)
                problems.Add($"'{RuleText.Describe(step)}' under '{h.NameOf(parent)}' can reach OSDs that are not inside a {typeName}; CRUSH then skips that copy");
            if (!leafMode && last)
                problems.Add($"the rule's last step '{RuleText.Describe(step)}' picks {typeName} buckets, not OSDs: use chooseleaf, or add a step down to the OSDs");

            var values = usable.Select(c => leafMode ? Leaf(c) : last ? BucketItem() : Value(level + 1, c, chooses)).ToList();
            var k = Math.Min(numrep, values.Count);
            var result = new CountRange[Width];
            for (var j = 0; j < Width; j++)
            {
                var mins = values.Select(v => v[j].Min).Order().ToList();
                var maxes = values.Select(v => v[j].Max).OrderDescending().ToList();
                var min = deadEnd ? 0 : mins.Take(k).Sum();
                result[j] = new CountRange(min, maxes.Take(k).Sum());
            }
            return result;
        }

        /// <summary>Caps the counters at the pool size; lower bounds other than the copy count become conservative.</summary>
        private void Truncate(CountRange[] counters)
        {
            var excess = counters[Copies].Max - size;
            if (excess <= 0) return;
            counters[Copies] = new CountRange(Math.Min(counters[Copies].Min, size), size);
            for (var j = 1; j < counters.Length; j++)
                counters[j] = new CountRange(Math.Max(0, counters[j].Min - excess), Math.Min(counters[j].Max, size));
        }

        private CountRange[] BucketItem()
        {
            var v = Zero();
            v[Copies] = v[Surviving] = CountRange.Exactly(1);
            return v;
        }

        /// <summary>One copy on a device, or on one usable device under a chooseleaf bucket.</summary>
        private CountRange[] Leaf(int item)
        {
            var v = Zero();
            List<int> devices = item >= 0 ? (Usable(item) ? [item] : []) : ReachableDevices(item).Where(Usable).ToList();
            if (devices.Count == 0) return v;
            v[Copies] = CountRange.Exactly(1);
            var alive = devices.Where(d => failed is null || !failed.Contains(d)).ToList();
            v[Surviving] = new CountRange(alive.Count == devices.Count ? 1 : 0, alive.Count > 0 ? 1 : 0);
            if (domainTypeId is { } type)
            {
                var byDomain = devices.GroupBy(d => h.AncestorOfType(d, type)).ToList();
                foreach (var group in byDomain)
                {
                    if (group.Key is not { } domain || !domainIndex.TryGetValue(domain, out var slot)) continue;
                    var aliveHere = group.Count(d => failed is null || !failed.Contains(d));
                    var certain = byDomain.Count == 1 && aliveHere == devices.Count;
                    v[2 + slot] = new CountRange(certain ? 1 : 0, aliveHere > 0 ? 1 : 0);
                }
            }
            return v;
        }

        private bool Usable(int device) =>
            device >= 0 && device < h.MaxDevices && h.HasDevice(device) && device < weights.Count && weights[device] > 0;

        private bool UsableLeaf(int item) => item >= 0 ? Usable(item) : ReachableDevices(item).Any(Usable);

        /// <summary>The items a bucket can pick: weight above 0 (straw2, list), all when all are 0 the first, any (uniform).</summary>
        private IEnumerable<int> Picks(CrushHierarchy.Node bucket)
        {
            if (bucket.Items.IsEmpty) return [];
            if (bucket.Algorithm == "uniform") return bucket.Items;
            var weighted = Enumerable.Range(0, bucket.Items.Length).Where(i => bucket.Weights[i] > 0).Select(i => bucket.Items[i]).ToList();
            return weighted.Count > 0 ? weighted : [bucket.Items[0]];
        }

        /// <summary>Items of the type CRUSH can reach descending from a bucket; deadEnd when it can reach a device of another type.</summary>
        private (List<int> Items, bool DeadEnd) Reach(int parent, int typeId)
        {
            var found = new List<int>();
            var seen = new HashSet<int>();
            var deadEnd = false;
            var stack = new Stack<int>(Picks(h.Bucket(parent)!).Reverse());
            while (stack.Count > 0)
            {
                var item = stack.Pop();
                if (!seen.Add(item)) continue;
                if (h.TypeOf(item) == typeId) found.Add(item);
                else if (item < 0 && h.Bucket(item) is { } bucket)
                    foreach (var child in Picks(bucket).Reverse()) stack.Push(child);
                else deadEnd = true;
            }
            return (found, deadEnd);
        }

        private List<int> ReachableDevices(int bucket) => Reach(bucket, 0).Items;

        /// <summary>Every item of the type under a bucket, reachable or not (for naming the ones that cannot be used).</summary>
        private List<int> AllOfType(int parent, int typeId) => h.Descendants(parent).Where(i => h.TypeOf(i) == typeId).ToList();
    }
}
