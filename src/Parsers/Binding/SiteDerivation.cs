using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Binding;

/// <summary>
/// Sites come from .pvelint.yaml; nodes it does not place fall back to the CRUSH datacenter bucket holding
/// the host bucket of the same name (INTERFACE.md).
/// </summary>
public static class SiteDerivation
{
    public static ImmutableArray<Site> Derive(LinterConfig config, CephModel ceph, ImmutableArray<string> nodeNames)
    {
        var sites = new List<Site>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declared in config.Sites)
        {
            var nodes = declared.Nodes.Select(n => n.Value).ToImmutableArray();
            placed.UnionWith(nodes);
            sites.Add(new Site(declared.Name.Value, nodes, declared.Role, declared.QDevice, SiteSource.LinterConfig, declared.Name.Span)
            {
                Addresses = declared.Addresses,
                HasTiebreakerMonitor = declared.TiebreakerMonitor,
            });
        }

        if (ceph.Crush is { } crush)
        {
            var pveNodes = nodeNames.ToHashSet(StringComparer.Ordinal);
            var byName = BucketsByName(crush);
            foreach (var dc in crush.Buckets.Where(b => b.Type == "datacenter"))
            {
                var hosts = HostsUnder(byName, dc).Where(h => pveNodes.Contains(h) && !placed.Contains(h)).ToImmutableArray();
                if (hosts.Length == 0) continue;
                var existing = sites.FindIndex(s => s.Name == dc.Name);
                if (existing >= 0)
                {
                    sites[existing] = sites[existing] with { Nodes = sites[existing].Nodes.AddRange(hosts) };
                }
                else
                {
                    sites.Add(new Site(dc.Name, hosts, SiteRole.Data, false, SiteSource.Crush, dc.Span));
                }
                placed.UnionWith(hosts);
            }
        }
        return sites.ToImmutableArray();
    }

    /// <summary>The first bucket of each name (a duplicate name is reported by the CRUSH reader).</summary>
    private static Dictionary<string, CrushBucket> BucketsByName(CrushMap crush)
    {
        var byName = new Dictionary<string, CrushBucket>(StringComparer.Ordinal);
        foreach (var bucket in crush.Buckets) byName.TryAdd(bucket.Name, bucket);
        return byName;
    }

    /// <summary>
    /// The host buckets below <paramref name="root"/>, each once, in depth-first order. Every bucket is visited
    /// once, so a bucket listed twice (or in two parents) costs nothing extra, and a cycle ends the walk; the
    /// CRUSH readers report both. Iterative, so a deep chain cannot overflow the stack.
    /// </summary>
    private static IEnumerable<string> HostsUnder(Dictionary<string, CrushBucket> byName, CrushBucket root)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { root.Name };
        var path = new Stack<(CrushBucket Bucket, int Next)>();
        path.Push((root, 0));
        while (path.Count > 0)
        {
            var (bucket, next) = path.Pop();
            if (next >= bucket.Items.Length) continue;
            path.Push((bucket, next + 1));
            if (!byName.TryGetValue(bucket.Items[next].Name, out var child) || !visited.Add(child.Name)) continue;
            if (child.Type == "host") yield return child.Name;
            else path.Push((child, 0));
        }
    }
}
