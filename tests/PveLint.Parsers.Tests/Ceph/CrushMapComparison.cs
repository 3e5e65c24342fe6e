using System.Globalization;
using PveLint.Model;

namespace PveLint.Parsers.Tests.Ceph;

/// <summary>Compares two CRUSH map models field by field, ignoring spans and paths; returns readable differences.</summary>
internal static class CrushMapComparison
{
    /// <summary>The text map prints weights with three decimals (%.3f of the 16.16 value), so text and JSON agree
    /// to half a unit of the third decimal plus one fixed-point step.</summary>
    public const double TextWeightTolerance = 0.0005 + 1.0 / 65536;

    public static List<string> Differences(CrushMap a, CrushMap b, double weightTolerance = 0, bool compareClassIds = true)
    {
        var diffs = new List<string>();
        void Check(bool same, string what) { if (!same) diffs.Add(what); }

        Check(a.Devices.Select(d => (d.Id, d.Name, d.Class)).SequenceEqual(b.Devices.Select(d => (d.Id, d.Name, d.Class))),
            $"devices: [{string.Join(", ", a.Devices.Select(d => $"{d.Id} {d.Name} {d.Class}"))}] vs [{string.Join(", ", b.Devices.Select(d => $"{d.Id} {d.Name} {d.Class}"))}]");
        Check(a.Types.SequenceEqual(b.Types), "types differ");
        Check(a.Tunables.SequenceEqual(b.Tunables),
            $"tunables: {string.Join(",", a.Tunables.Select(t => $"{t.Key}={t.Value}"))} vs {string.Join(",", b.Tunables.Select(t => $"{t.Key}={t.Value}"))}");

        Check(a.Buckets.Select(x => x.Name).SequenceEqual(b.Buckets.Select(x => x.Name)),
            $"bucket order: {string.Join(",", a.Buckets.Select(x => x.Name))} vs {string.Join(",", b.Buckets.Select(x => x.Name))}");
        foreach (var (x, y) in a.Buckets.Zip(b.Buckets))
        {
            Check((x.Id, x.Name, x.Type, x.Algorithm) == (y.Id, y.Name, y.Type, y.Algorithm), $"bucket {x.Name}: ({x.Id},{x.Type},{x.Algorithm}) vs {y.Name} ({y.Id},{y.Type},{y.Algorithm})");
            if (compareClassIds) Check(x.ClassIds.SequenceEqual(y.ClassIds), $"bucket {x.Name}: class ids differ");
            Check(x.Items.Length == y.Items.Length, $"bucket {x.Name}: {x.Items.Length} vs {y.Items.Length} items");
            foreach (var (i, j) in x.Items.Zip(y.Items))
                Check(i.Name == j.Name && Math.Abs(i.Weight - j.Weight) <= weightTolerance,
                    $"bucket {x.Name}: item {i.Name} {i.Weight.ToString("R", CultureInfo.InvariantCulture)} vs {j.Name} {j.Weight.ToString("R", CultureInfo.InvariantCulture)}");
        }

        Check(a.Rules.Length == b.Rules.Length, $"{a.Rules.Length} vs {b.Rules.Length} rules");
        foreach (var (x, y) in a.Rules.Zip(b.Rules))
        {
            Check((x.Id, x.Name, x.Type) == (y.Id, y.Name, y.Type), $"rule {x.Id} {x.Name} {x.Type} vs {y.Id} {y.Name} {y.Type}");
            Check(x.Steps.SequenceEqual(y.Steps), $"rule {x.Name}: steps [{string.Join("; ", x.Steps)}] vs [{string.Join("; ", y.Steps)}]");
        }

        Check(a.ChooseArgs.Length == b.ChooseArgs.Length, "choose_args count differs");
        foreach (var (x, y) in a.ChooseArgs.Zip(b.ChooseArgs))
        {
            Check(x.Id == y.Id && x.Args.Length == y.Args.Length, $"choose_args {x.Id} vs {y.Id}");
            foreach (var (i, j) in x.Args.Zip(y.Args))
            {
                Check(i.BucketId == j.BucketId && i.Ids.SequenceEqual(j.Ids), $"choose_args {x.Id} bucket {i.BucketId}: ids differ");
                Check(i.WeightSets.Length == j.WeightSets.Length && i.WeightSets.Zip(j.WeightSets).All(r => r.First.Length == r.Second.Length &&
                    r.First.Zip(r.Second).All(w => Math.Abs(w.First - w.Second) <= weightTolerance)), $"choose_args {x.Id} bucket {i.BucketId}: weight sets differ");
            }
        }
        return diffs;
    }
}
