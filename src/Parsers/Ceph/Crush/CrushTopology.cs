using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Ceph.Crush;

/// <summary>
/// Checks of the bucket graph that both CRUSH forms (text and JSON dump) share, made on the model: a bucket that
/// lists one item twice (PVE0004) and buckets that contain each other (PVE0003). Both are reported at the bucket.
/// Each bucket is visited once and the walk is iterative, so neither a long chain nor a graph with exponentially
/// many paths (each level listing the next twice) costs more than the size of the map.
/// </summary>
public static class CrushTopology
{
    public static void Check(CrushMap map, Action<string, SourceSpan, string> report)
    {
        var byName = new Dictionary<string, CrushBucket>(StringComparer.Ordinal);
        foreach (var bucket in map.Buckets) byName.TryAdd(bucket.Name, bucket);

        foreach (var bucket in map.Buckets)
            foreach (var entries in bucket.Items.GroupBy(i => i.Name, StringComparer.Ordinal).Where(g => g.Skip(1).Any()))
                report(DiagnosticIds.DuplicateKey, bucket.Span,
                    $"Bucket '{bucket.Name}' lists item '{entries.Key}' {entries.Count()} times; CRUSH draws it once per entry, so it gets the weight of all of them ({entries.Sum(e => e.Weight):0.###}) instead of its own.");

        ReportCycles(map, byName, report);
    }

    /// <summary>Depth-first over the buckets with three colours; an edge back into the current path is a cycle.</summary>
    private static void ReportCycles(CrushMap map, Dictionary<string, CrushBucket> byName, Action<string, SourceSpan, string> report)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in map.Buckets)
        {
            if (done.Contains(root.Name)) continue;
            var path = new List<(CrushBucket Bucket, int Next)> { (root, 0) };
            onPath.Add(root.Name);
            while (path.Count > 0)
            {
                var (bucket, next) = path[^1];
                if (next >= bucket.Items.Length)
                {
                    path.RemoveAt(path.Count - 1);
                    onPath.Remove(bucket.Name);
                    done.Add(bucket.Name);
                    continue;
                }
                path[^1] = (bucket, next + 1);
                if (!byName.TryGetValue(bucket.Items[next].Name, out var child) || done.Contains(child.Name)) continue;
                if (onPath.Contains(child.Name))
                {
                    var loop = path.Select(p => p.Bucket.Name).SkipWhile(n => n != child.Name).Append(child.Name);
                    report(DiagnosticIds.InvalidValue, bucket.Span,
                        $"Bucket '{bucket.Name}' contains bucket '{child.Name}', which contains it in turn ({string.Join(" → ", loop)}); CRUSH buckets must not form a cycle.");
                    continue;
                }
                onPath.Add(child.Name);
                path.Add((child, 0));
            }
        }
    }
}
