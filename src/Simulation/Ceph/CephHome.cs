using System.Collections.Immutable;
using PveLint.Analysis.Ceph;
using PveLint.Model;
using PveLint.Simulation.Scenarios;

namespace PveLint.Simulation.Ceph;

/// <summary>Where a Ceph daemon is after a scenario: gone, in one partition, reachable from every partition, or not known.</summary>
public enum SpotKind
{
    Lost,
    Partition,
    Everywhere,
    Unknown,
}

public readonly record struct Spot(SpotKind Kind, int Partition = -1)
{
    public static Spot Lost => new(SpotKind.Lost);
    public static Spot Everywhere => new(SpotKind.Everywhere);
    public static Spot Unknown => new(SpotKind.Unknown);
}

/// <summary>
/// Where a monitor or OSD host runs, in the terms the scenarios use: a cluster node (a CRUSH host bucket or monitor
/// matched to a PVE node by name or address), else a site (by .pvelint.yaml addresses or the CRUSH dividing bucket,
/// which may be a site only Ceph knows, such as an undeclared tiebreaker location), else unknown.
/// </summary>
public sealed record CephHome(string Host, string? Node, string? Site)
{
    /// <summary>Where the daemon is after <paramref name="scenario"/>; <paramref name="qdeviceHost"/> shares the QDevice host's fate.</summary>
    public Spot Locate(FailureScenario scenario, string? qdeviceHost)
    {
        if (Node is { } node)
        {
            if (scenario.FailedNodes.Contains(node)) return Spot.Lost;
            for (var i = 0; i < scenario.Partitions.Length; i++)
                if (scenario.Partitions[i].Nodes.Contains(node)) return new Spot(SpotKind.Partition, i);
            return Spot.Unknown;
        }
        if (scenario.QDeviceLost && qdeviceHost is not null && string.Equals(qdeviceHost, Host, StringComparison.OrdinalIgnoreCase)) return Spot.Lost;
        if (Site is { } site)
        {
            if (scenario.FailedSites.Contains(site)) return Spot.Lost;
            for (var i = 0; i < scenario.Partitions.Length; i++)
                if (scenario.Partitions[i].Sites.Contains(site)) return new Spot(SpotKind.Partition, i);
            // A site no failure of this scenario touches, and no netsplit cuts off: every side reaches it.
            return Spot.Everywhere;
        }
        // Not a cluster node: a node loss cannot take it, and nothing else splits the survivors.
        return scenario.FailedSites.IsEmpty && !scenario.IsSplit && !scenario.QDeviceLost ? Spot.Everywhere : Spot.Unknown;
    }

    /// <summary>A monitor's home: its name or address on a cluster node, else its site (CRUSH location or addresses).</summary>
    public static CephHome OfMonitor(ClusterModel model, CrushHierarchy? hierarchy, IReadOnlyCollection<string> crushSites, MonitorSite monitor)
    {
        var placement = model.PlaceHost(monitor.Name);
        if (placement.Node is null && monitor.Address is { } address) placement = model.PlaceHost(address);
        var host = monitor.Address ?? monitor.Name;
        if (placement.Node is { } node) return new CephHome(host, node.Name, model.SiteOf(node.Name)?.Name);
        if (placement.Site is { } site) return new CephHome(host, null, site.Name);
        return new CephHome(host, null, monitor.Site is { } crushSite ? ModelSiteOf(model, hierarchy, crushSites, crushSite) : null);
    }

    /// <summary>Every monitor of the model with its home (monitor map, else ceph.conf), in the map's order.</summary>
    public static ImmutableArray<(MonitorSite Monitor, CephHome Home)> Monitors(ClusterModel model)
    {
        var view = CephView.Of(model);
        var crushSites = view.Stretch.Sites.Select(s => s.Name).ToList();
        return view.Monitors.Select(m => (m, OfMonitor(model, view.Hierarchy, crushSites, m))).ToImmutableArray();
    }

    /// <summary>
    /// The model sites that hold a monitor on no cluster node (a tiebreaker in a witness site): their loss is a scenario
    /// of its own even when no node and no QDevice is there.
    /// </summary>
    public static IReadOnlySet<string> MonitorSites(ClusterModel model) =>
        Monitors(model).Select(m => m.Home)
            .Where(h => h.Node is null && h.Site is not null && model.SiteNamed(h.Site) is not null)
            .Select(h => h.Site!).ToHashSet(StringComparer.Ordinal);

    /// <summary>An OSD host's home: the CRUSH host bucket named like a PVE node, else its dividing bucket's site.</summary>
    public static CephHome OfOsdHost(ClusterModel model, CrushHierarchy hierarchy, IReadOnlyCollection<string> crushSites, string hostBucket, string? crushSite)
    {
        var node = model.Node(hostBucket) ?? model.PlaceHost(hostBucket).Node;
        if (node is not null) return new CephHome(hostBucket, node.Name, model.SiteOf(node.Name)?.Name);
        return new CephHome(hostBucket, null, crushSite is null ? null : ModelSiteOf(model, hierarchy, crushSites, crushSite));
    }

    /// <summary>The model site a CRUSH dividing bucket stands for: the site of that name, or the one whose nodes are under it.</summary>
    private static string ModelSiteOf(ClusterModel model, CrushHierarchy? hierarchy, IReadOnlyCollection<string> crushSites, string crushSite)
    {
        if (model.SiteNamed(crushSite) is not null) return crushSite;
        var match = model.Sites.FirstOrDefault(s => MonitorPlacement.CrushSiteOf(hierarchy, s, crushSites) == crushSite);
        return match?.Name ?? crushSite;
    }
}
