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
            foreach (var dc in crush.Buckets.Where(b => b.Type == "datacenter"))
            {
                var hosts = HostsUnder(crush, dc, 0).Where(h => pveNodes.Contains(h) && !placed.Contains(h)).ToImmutableArray();
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

    private static IEnumerable<string> HostsUnder(CrushMap crush, CrushBucket bucket, int depth)
    {
        if (depth > 32) yield break; // a cyclic map is reported by its reader; do not recurse forever
        foreach (var item in bucket.Items)
        {
            if (crush.Bucket(item.Name) is not { } child) continue;
            if (child.Type == "host") yield return child.Name;
            else foreach (var h in HostsUnder(crush, child, depth + 1)) yield return h;
        }
    }
}
