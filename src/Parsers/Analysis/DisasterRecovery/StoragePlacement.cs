using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.DisasterRecovery;

/// <summary>
/// Places a storage (reference/pve-formats.md §2.1): PBS/NFS/CIFS by <c>server</c>, RBD/CephFS by <c>monhost</c>
/// (none = this cluster's Ceph), ZFS over iSCSI/iSCSI by <c>portal</c>, local types on the nodes. A server address
/// that a guest config of the cluster reveals (<c>ipconfigN</c>, <c>netN</c>) is that guest, so on this cluster;
/// otherwise <see cref="ClusterModel.PlaceHost"/> decides (node, site network, or unknown, never assumed safe).
/// </summary>
public static class StoragePlacement
{
    private static readonly ImmutableHashSet<string> ServerTypes = ImmutableHashSet.Create(StringComparer.Ordinal, "pbs", "nfs", "cifs");
    private static readonly ImmutableHashSet<string> CephTypes = ImmutableHashSet.Create(StringComparer.Ordinal, "rbd", "cephfs");
    private static readonly ImmutableHashSet<string> PortalTypes = ImmutableHashSet.Create(StringComparer.Ordinal, "zfs", "iscsi", "iscsidirect");
    private static readonly ImmutableHashSet<string> LocalTypes = ImmutableHashSet.Create(StringComparer.Ordinal, "dir", "zfspool", "lvm", "lvmthin", "btrfs");

    public static StorageLocation Locate(ClusterModel model, StorageDef storage)
    {
        var name = $"storage '{storage.Id.Value}' ({storage.Type}";
        var entry = storage.Section;
        if (ServerTypes.Contains(storage.Type) && entry?.Get("server") is { } server)
            return ByHosts(model, storage, name + " server", server, [server.Value], ownCeph: null);
        if (CephTypes.Contains(storage.Type))
        {
            if (entry?.Get("monhost") is not { } monhost)
                return new StorageLocation(storage, StorageHome.ClusterCeph, [], null, model.DataSites.ToImmutableArray(),
                    $"{name} without monhost: this cluster's own Ceph)", entry?.HeaderSpan);
            return ByHosts(model, storage, name + " monhost", monhost, HostAddresses.Hosts(monhost.Value).ToList(), OwnMonitorHosts(model));
        }
        if (PortalTypes.Contains(storage.Type) && entry?.Get("portal") is { } portal)
            return ByHosts(model, storage, name + " portal", portal, HostAddresses.Hosts(portal.Value).ToList(), ownCeph: null);
        if (LocalTypes.Contains(storage.Type) && !storage.Shared)
            return new StorageLocation(storage, StorageHome.Nodes, [], null, [], $"{name}, local to each node)", entry?.HeaderSpan);
        var why = storage.Shared && LocalTypes.Contains(storage.Type)
            ? "marked shared: where its data lives is not in the configuration"
            : "pvelint cannot tell where its data lives";
        return new StorageLocation(storage, StorageHome.Unknown, [], null, [], $"{name}, {why})", entry?.HeaderSpan);
    }

    private static StorageLocation ByHosts(ClusterModel model, StorageDef storage, string what, Located<string> line, List<string> hosts, IReadOnlyCollection<string>? ownCeph)
    {
        foreach (var host in hosts)
            if (GuestAddresses.GuestWithAddress(model, host) is var (guest, guestLine))
            {
                var kind = guest.Kind == GuestKind.Qemu ? "VM" : "container";
                var title = guest.Name is { } n ? $" '{n.Value}'" : "";
                var site = model.SiteOf(guest.Node);
                return new StorageLocation(storage, StorageHome.ClusterGuest, [], guest, site is null ? [] : [site],
                    $"{what} {host}, which is {kind} {guest.VmId}{title} on node {guest.Node}{(site is null ? "" : $" in site {site.Name}")} of this cluster (its {GuestLineKey(guest, guestLine)}))", line.Span) { ServingGuestLine = guestLine.Span };
            }

        var placements = hosts.Select(model.PlaceHost).ToImmutableArray();
        if (ownCeph is not null && placements.Any(p => p.Basis == PlacementBasis.ClusterNode || ownCeph.Any(o => HostAddresses.Same(o, p.Host))))
            return new StorageLocation(storage, StorageHome.ClusterCeph, placements, null, model.DataSites.ToImmutableArray(),
                $"{what} {string.Join(", ", hosts)}: this cluster's own Ceph monitors)", line.Span);
        if (placements.Any(p => p.Basis == PlacementBasis.ClusterNode))
        {
            var node = placements.First(p => p.Basis == PlacementBasis.ClusterNode);
            return new StorageLocation(storage, StorageHome.Nodes, placements, null, node.Site is null ? [] : [node.Site],
                $"{what} {node.Host} {node.Describe()})", line.Span);
        }
        if (placements.Length > 0 && placements.All(p => p.IsKnown))
        {
            var sites = placements.Select(p => p.Site!).Distinct().ToImmutableArray();
            return new StorageLocation(storage, StorageHome.External, placements, null, sites,
                $"{what} {string.Join(", ", placements.Select(p => $"{p.Host} {p.Describe()}"))})", line.Span);
        }
        var unknown = placements.FirstOrDefault(p => !p.IsKnown);
        return new StorageLocation(storage, StorageHome.Unknown, placements, null, [],
            $"{what} {unknown?.Host ?? line.Value} {unknown?.Describe() ?? "names no host"})", line.Span);
    }

    /// <summary>The monitor hosts of this cluster's Ceph: ceph.conf <c>mon_host</c>/<c>public_addr</c>/<c>mon_addr</c> and the monitor map.</summary>
    private static List<string> OwnMonitorHosts(ClusterModel model)
    {
        var hosts = new List<string>();
        if (model.Ceph.Conf is { } conf)
            foreach (var (section, keys) in conf.Sections)
                foreach (var (key, value) in keys)
                    if ((section == "global" && key is "mon_host") || (section.StartsWith("mon", StringComparison.Ordinal) && key is "public_addr" or "mon_addr"))
                        hosts.AddRange(HostAddresses.Hosts(value.Value));
        foreach (var monitor in model.Ceph.Monitors)
        {
            hosts.AddRange(HostAddresses.Hosts(monitor.PublicAddress));
            foreach (var address in monitor.Addresses) hosts.AddRange(HostAddresses.Hosts(address));
        }
        return hosts;
    }

    private static string GuestLineKey(Guest guest, Located<string> line) =>
        guest.Properties.FirstOrDefault(kv => ReferenceEquals(kv.Value, line)).Key ?? "network config";
}
