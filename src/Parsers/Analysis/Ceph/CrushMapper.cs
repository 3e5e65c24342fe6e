using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.Ceph;

/// <summary>
/// The real CRUSH mapping (<c>crush_do_rule</c>): the pseudo-random placement of one input x by one rule, with the
/// map's tunables, <c>firstn</c>/<c>indep</c>, <c>choose</c>/<c>chooseleaf</c>, rejection of out devices through the
/// weight vector, collisions and retries, as <c>crushtool --test</c> and the OSD map compute it (reference §4.1).
/// <para>
/// Supported bucket algorithms: straw2 (every map since Luminous), uniform and list. A map with straw or tree buckets,
/// or with balancer weight sets (<c>choose_args</c>, which this mapper does not apply), is not mapped exactly:
/// <see cref="Unsupported"/> says why, and callers fall back to <see cref="CrushRuleEvaluator"/>'s structural answer.
/// </para>
/// </summary>
public sealed class CrushMapper
{
    /// <summary>CRUSH_ITEM_NONE: the hole an indep rule leaves where it found no item.</summary>
    public const int None = 0x7fffffff;

    private const int Undefined = 0x7ffffffe;

    /// <summary>Guards against malformed maps (Ceph would loop or allocate without bound): descent depth and copy counts.</summary>
    private const int MaxDescent = 64;
    private const int MaxReplicas = 64;

    private readonly CrushHierarchy hierarchy;
    private readonly int chooseLocalTries;
    private readonly int chooseLocalFallbackTries;
    private readonly int chooseTotalTries;
    private readonly bool chooseleafDescendOnce;
    private readonly int chooseleafVaryR;
    private readonly int chooseleafStable;

    public CrushMapper(CrushHierarchy hierarchy)
    {
        this.hierarchy = hierarchy;
        var tunables = hierarchy.Map.Tunables;
        long Tunable(string name, long legacy) => tunables.TryGetValue(name, out var v) ? v : legacy;
        chooseLocalTries = (int)Tunable("choose_local_tries", 2);
        chooseLocalFallbackTries = (int)Tunable("choose_local_fallback_tries", 5);
        chooseTotalTries = (int)Math.Min(int.MaxValue - 1, Tunable("choose_total_tries", 19));
        chooseleafDescendOnce = Tunable("chooseleaf_descend_once", 0) != 0;
        chooseleafVaryR = (int)Tunable("chooseleaf_vary_r", 0);
        chooseleafStable = (int)Tunable("chooseleaf_stable", 0);

        var unsupported = hierarchy.Map.Buckets.Where(b => b.Algorithm is not ("straw2" or "uniform" or "list")).Select(b => $"{b.Name} ({b.Algorithm})").ToList();
        if (unsupported.Count > 0)
            Unsupported = $"buckets {string.Join(", ", unsupported.Take(3))}{(unsupported.Count > 3 ? ", ..." : "")} use an algorithm pvelint does not map (straw2, uniform and list only)";
        else if (!hierarchy.Map.ChooseArgs.IsEmpty)
            Unsupported = "the map has balancer weight sets (choose_args), which pvelint does not apply";
    }

    public CrushHierarchy Hierarchy => hierarchy;

    /// <summary>Why mappings of this map are not exact, or null when they are.</summary>
    public string? Unsupported { get; }

    public bool IsExact => Unsupported is null;

    /// <summary>
    /// crushtool's default weight vector: every device that some bucket holds is in (0x10000), every other id out.
    /// </summary>
    public uint[] DefaultWeights()
    {
        var weights = new uint[hierarchy.MaxDevices];
        var present = new HashSet<int>(hierarchy.Map.Buckets.SelectMany(b => b.Items).Select(i => hierarchy.IdOf(i.Name) ?? -1).Where(id => id >= 0));
        for (var i = 0; i < weights.Length; i++) weights[i] = present.Contains(i) ? 0x10000u : 0;
        return weights;
    }

    /// <summary>The OSD map's weight vector: reweight of each OSD that is in (1.0 → 0x10000), 0 for out or unknown ids.</summary>
    public uint[] WeightsFrom(IEnumerable<CephOsd> osds)
    {
        var weights = new uint[hierarchy.MaxDevices];
        foreach (var osd in osds)
            if (osd.Id >= 0 && osd.Id < weights.Length && osd.In) weights[osd.Id] = CrushHierarchy.FixedWeight(osd.Weight);
        return weights;
    }

    /// <summary>
    /// The placement seed of PG <paramref name="ps"/> of a pool: with hashpspool (the default) the rjenkins hash of the
    /// stable-mod'ed seed and the pool id, else their sum (OSDMap's raw_pg_to_pps).
    /// </summary>
    public static int PlacementSeed(int ps, int pgpNum, int poolId, bool hashPsPool = true)
    {
        var seed = StableMod(ps, pgpNum);
        return hashPsPool ? unchecked((int)CrushHash.Hash2(seed, poolId)) : unchecked(seed + poolId);
    }

    /// <summary>crushtool's <c>--pool-id P --x x</c>: the input hashed with the pool id, without stable_mod.</summary>
    public static int CrushtoolSeed(int x, int poolId) => unchecked((int)CrushHash.Hash2(x, poolId));

    private static int StableMod(int x, int b)
    {
        if (b <= 0) return x;
        // pg_num_mask as Ceph computes it ((1 << cbits(b - 1)) - 1), in 64 bits so pg_num near int.MaxValue cannot loop.
        var mask = (int)(System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)b) - 1);
        return (x & mask) < b ? x & mask : x & (mask >> 1);
    }

    /// <summary>
    /// Maps x through the rule for <paramref name="resultMax"/> replicas (the pool size). Firstn rules return only the
    /// items found; indep rules keep positions and return <see cref="None"/> for holes. Null when the rule is unknown.
    /// </summary>
    public int[]? Map(CrushRule rule, int x, int resultMax, IReadOnlyList<uint> weights)
    {
        if (resultMax <= 0) return [];
        resultMax = Math.Min(resultMax, MaxReplicas);
        var state = new RuleState(this, x, weights);
        // A pool's every PG is mapped: the result in one array of resultMax, and the working vector never copied.
        var result = new int[resultMax];
        var found = 0;
        IReadOnlyList<int> w = [];
        int chooseTries = chooseTotalTries + 1, chooseLeafTries = 0;
        int localRetries = chooseLocalTries, localFallbackRetries = chooseLocalFallbackTries;
        int varyR = chooseleafVaryR, stable = chooseleafStable;

        foreach (var step in rule.Steps)
        {
            switch (step.Op)
            {
                case "take":
                    if (step.Item is not null && hierarchy.ResolveTake(step.Item, step.ItemClass) is { } take
                        && (take >= 0 ? take < hierarchy.MaxDevices : hierarchy.Bucket(take) is not null))
                        w = new[] { take };
                    break;
                case "set_choose_tries": if (step.Num > 0) chooseTries = step.Num.Value; break;
                case "set_chooseleaf_tries": if (step.Num > 0) chooseLeafTries = step.Num.Value; break;
                case "set_choose_local_tries": if (step.Num >= 0) localRetries = step.Num.Value; break;
                case "set_choose_local_fallback_tries": if (step.Num >= 0) localFallbackRetries = step.Num.Value; break;
                case "set_chooseleaf_vary_r": if (step.Num >= 0) varyR = step.Num.Value; break;
                case "set_chooseleaf_stable": if (step.Num >= 0) stable = step.Num.Value; break;
                case "choose_firstn" or "chooseleaf_firstn" or "choose_indep" or "chooseleaf_indep":
                {
                    if (w.Count == 0 || step.BucketType is null) break;
                    var type = hierarchy.TypeId(step.BucketType) ?? int.MinValue;
                    var firstn = step.Op.EndsWith("firstn", StringComparison.Ordinal);
                    var leaf = step.Op.StartsWith("chooseleaf", StringComparison.Ordinal);
                    var output = new List<int>();
                    var leaves = new List<int>();
                    for (var fromIndex = 0; fromIndex < w.Count; fromIndex++)
                    {
                        var from = w[fromIndex];
                        var numrep = step.Num ?? 0;
                        if (numrep <= 0)
                        {
                            numrep += resultMax;
                            if (numrep <= 0) continue;
                        }
                        numrep = Math.Min(numrep, MaxReplicas);
                        if (from >= 0 || hierarchy.Bucket(from) is not { } bucket) continue;
                        if (firstn)
                        {
                            var recurseTries = chooseLeafTries > 0 ? chooseLeafTries : chooseleafDescendOnce ? 1 : chooseTries;
                            var outItems = new int[Math.Max(Math.Min(numrep, resultMax), 1)];
                            var outLeaves = new int[outItems.Length];
                            var got = state.ChooseFirstn(bucket, numrep, type, outItems, 0, resultMax - output.Count, chooseTries, recurseTries,
                                localRetries, localFallbackRetries, leaf, varyR, stable, outLeaves, 0);
                            for (var i = 0; i < got; i++) { output.Add(outItems[i]); leaves.Add(outLeaves[i]); }
                        }
                        else
                        {
                            var outSize = Math.Min(numrep, resultMax - output.Count);
                            if (outSize <= 0) continue;
                            var outItems = new int[outSize];
                            var outLeaves = new int[outSize];
                            state.ChooseIndep(bucket, outSize, numrep, type, outItems, 0, chooseTries, chooseLeafTries > 0 ? chooseLeafTries : 1,
                                leaf, outLeaves, 0);
                            output.AddRange(outItems);
                            leaves.AddRange(outLeaves);
                        }
                    }
                    w = leaf ? leaves : output;
                    break;
                }
                case "emit":
                    for (var i = 0; i < w.Count && found < resultMax; i++) result[found++] = w[i];
                    w = [];
                    break;
            }
        }
        return found == resultMax ? result : result[..found];
    }

    /// <summary>One <c>crush_do_rule</c> call: its input, weight vector and the per-bucket permutation scratch.</summary>
    private sealed class RuleState(CrushMapper mapper, int x, IReadOnlyList<uint> weights)
    {
        private Dictionary<int, (uint PermX, int PermN, int[] Perm)>? permutations; // uniform buckets only: made on first use
        private CrushHierarchy H => mapper.hierarchy;

        private bool IsOut(int item)
        {
            if (item >= weights.Count) return true;
            var weight = weights[item];
            if (weight >= 0x10000) return false;
            if (weight == 0) return true;
            return (CrushHash.Hash2(x, item) & 0xffff) >= weight;
        }

        private int BucketChoose(CrushHierarchy.Node bucket, int r) => bucket.Algorithm switch
        {
            "straw2" => Straw2(bucket, r),
            "uniform" => PermChoose(bucket, r),
            "list" => ListChoose(bucket, r),
            _ => bucket.Items[0],
        };

        private int Straw2(CrushHierarchy.Node bucket, int r)
        {
            var high = 0;
            long highDraw = 0;
            for (var i = 0; i < bucket.Items.Length; i++)
            {
                long draw;
                var weight = bucket.Weights[i];
                if (weight != 0)
                {
                    var u = CrushHash.Hash3(x, bucket.Items[i], r) & 0xffff;
                    var ln = unchecked((long)CrushLn.Ln(u) - 0x1000000000000L);
                    draw = ln / weight;
                }
                else
                {
                    draw = long.MinValue;
                }
                if (i == 0 || draw > highDraw)
                {
                    high = i;
                    highDraw = draw;
                }
            }
            return bucket.Items[high];
        }

        private int ListChoose(CrushHierarchy.Node bucket, int r)
        {
            var sums = new ulong[bucket.Items.Length];
            ulong running = 0;
            for (var i = 0; i < sums.Length; i++) sums[i] = running += bucket.Weights[i];
            for (var i = bucket.Items.Length - 1; i >= 0; i--)
            {
                ulong w = CrushHash.Hash4(x, bucket.Items[i], r, bucket.Id) & 0xffff;
                w = (w * sums[i]) >> 16;
                if (w < bucket.Weights[i]) return bucket.Items[i];
            }
            return bucket.Items[0];
        }

        /// <summary>bucket_perm_choose: a pseudo-random permutation of the bucket, kept across calls within one mapping.</summary>
        public int PermChoose(CrushHierarchy.Node bucket, int r)
        {
            var size = bucket.Items.Length;
            var pr = (int)((uint)r % (uint)size);
            var permutations = this.permutations ??= new();
            var (permX, permN, perm) = permutations.TryGetValue(bucket.Id, out var s) ? s : (0u, 0, new int[size]);
            int chosen;
            if (permX != (uint)x || permN == 0)
            {
                permX = (uint)x;
                if (pr == 0)
                {
                    perm[0] = (int)(CrushHash.Hash3(x, bucket.Id, 0) % (uint)size);
                    permutations[bucket.Id] = (permX, 0xffff, perm);
                    return bucket.Items[perm[0]];
                }
                for (var i = 0; i < size; i++) perm[i] = i;
                permN = 0;
            }
            else if (permN == 0xffff)
            {
                for (var i = 1; i < size; i++) perm[i] = i;
                perm[perm[0]] = 0;
                permN = 1;
            }
            while (permN <= pr)
            {
                var p = permN;
                if (p < size - 1)
                {
                    var i = (int)(CrushHash.Hash3(x, bucket.Id, p) % (uint)(size - p));
                    if (i != 0) (perm[p + i], perm[p]) = (perm[p], perm[p + i]);
                }
                permN++;
            }
            chosen = perm[pr];
            permutations[bucket.Id] = (permX, permN, perm);
            return bucket.Items[chosen];
        }

        public int ChooseFirstn(CrushHierarchy.Node bucket, int numrep, int type, int[] output, int outpos, int outSize,
            int tries, int recurseTries, int localRetries, int localFallbackRetries, bool recurseToLeaf, int varyR, int stable,
            int[]? output2, int parentR)
        {
            var count = outSize;
            for (var rep = stable != 0 ? 0 : outpos; rep < numrep && count > 0; rep++)
            {
                var ftotal = 0;
                var skipRep = false;
                var item = 0;
                bool retryDescent;
                do
                {
                    retryDescent = false;
                    var current = bucket;
                    var flocal = 0;
                    var descent = 0;
                    bool retryBucket;
                    do
                    {
                        var collide = false;
                        retryBucket = false;
                        var r = rep + parentR + ftotal;
                        bool reject;
                        if (current.Items.Length == 0)
                        {
                            reject = true;
                        }
                        else
                        {
                            item = localFallbackRetries > 0 && flocal >= current.Items.Length >> 1 && flocal > localFallbackRetries
                                ? PermChoose(current, r)
                                : BucketChoose(current, r);
                            if (item >= H.MaxDevices)
                            {
                                skipRep = true;
                                break;
                            }
                            var itemType = H.TypeOf(item);
                            if (itemType != type)
                            {
                                if (item >= 0 || H.Bucket(item) is not { } next || ++descent > MaxDescent)
                                {
                                    skipRep = true;
                                    break;
                                }
                                current = next;
                                retryBucket = true;
                                continue;
                            }
                            for (var i = 0; i < outpos; i++)
                            {
                                if (output[i] == item)
                                {
                                    collide = true;
                                    break;
                                }
                            }
                            reject = false;
                            if (!collide && recurseToLeaf)
                            {
                                if (item < 0)
                                {
                                    var subR = varyR != 0 ? r >> (varyR - 1) : 0;
                                    if (ChooseFirstn(H.Bucket(item)!, stable != 0 ? 1 : outpos + 1, 0, output2!, outpos, count, recurseTries, 0,
                                            localRetries, localFallbackRetries, false, varyR, stable, null, subR) <= outpos)
                                        reject = true;
                                }
                                else
                                {
                                    output2![outpos] = item;
                                }
                            }
                            if (!reject && itemType == 0) reject = IsOut(item);
                        }

                        if (reject || collide)
                        {
                            ftotal++;
                            flocal++;
                            if (collide && flocal <= localRetries) retryBucket = true;
                            else if (localFallbackRetries > 0 && flocal <= current.Items.Length + localFallbackRetries) retryBucket = true;
                            else if (ftotal < tries) retryDescent = true;
                            else skipRep = true;
                        }
                    }
                    while (retryBucket);
                }
                while (retryDescent);

                if (skipRep) continue;
                output[outpos] = item;
                outpos++;
                count--;
            }
            return outpos;
        }

        public void ChooseIndep(CrushHierarchy.Node bucket, int left, int numrep, int type, int[] output, int outpos,
            int tries, int recurseTries, bool recurseToLeaf, int[]? output2, int parentR)
        {
            var endpos = outpos + left;
            for (var rep = outpos; rep < endpos; rep++)
            {
                output[rep] = Undefined;
                if (output2 is not null) output2[rep] = Undefined;
            }
            for (var ftotal = 0; left > 0 && ftotal < tries; ftotal++)
            {
                for (var rep = outpos; rep < endpos; rep++)
                {
                    if (output[rep] != Undefined) continue;
                    var current = bucket;
                    var descent = 0;
                    while (true)
                    {
                        var r = rep + parentR;
                        r += current.Algorithm == "uniform" && current.Items.Length % numrep == 0 ? (numrep + 1) * ftotal : numrep * ftotal;
                        if (current.Items.Length == 0) break;
                        var item = BucketChoose(current, r);
                        if (item >= H.MaxDevices)
                        {
                            output[rep] = None;
                            if (output2 is not null) output2[rep] = None;
                            left--;
                            break;
                        }
                        var itemType = H.TypeOf(item);
                        if (itemType != type)
                        {
                            if (item >= 0 || H.Bucket(item) is not { } next || ++descent > MaxDescent)
                            {
                                output[rep] = None;
                                if (output2 is not null) output2[rep] = None;
                                left--;
                                break;
                            }
                            current = next;
                            continue;
                        }
                        var collide = false;
                        for (var i = outpos; i < endpos; i++)
                        {
                            if (output[i] == item)
                            {
                                collide = true;
                                break;
                            }
                        }
                        if (collide) break;
                        if (recurseToLeaf)
                        {
                            if (item < 0)
                            {
                                ChooseIndep(H.Bucket(item)!, 1, numrep, 0, output2!, rep, recurseTries, 0, false, null, r);
                                if (output2![rep] == None) break;
                            }
                            else
                            {
                                output2![rep] = item;
                            }
                        }
                        if (itemType == 0 && IsOut(item)) break;
                        output[rep] = item;
                        left--;
                        break;
                    }
                }
            }
            for (var rep = outpos; rep < endpos; rep++)
            {
                if (output[rep] == Undefined) output[rep] = None;
                if (output2 is not null && output2[rep] == Undefined) output2[rep] = None;
            }
        }
    }
}
