using System.Collections.Immutable;
using System.Net;
using System.Runtime.CompilerServices;

namespace PveLint.Model;

/// <summary>
/// Indexed look-ups over the model, built once per model instance on first use. The index is keyed by reference
/// (a <c>with</c> copy gets its own), so it can never describe another version of the model.
/// </summary>
public sealed partial record ClusterModel
{
    private static readonly OncePer<ClusterModel, ModelIndex> Indexes = new(static m => new ModelIndex(m));

    private ModelIndex Index => Indexes.Of(this);

    /// <summary>Every node (corosync.conf's nodelist, else the nodes/ directories), in that order.</summary>
    public ImmutableArray<PveNode> Nodes => Index.Nodes;

    public PveNode? Node(string name) => Index.NodesByName.GetValueOrDefault(name);

    /// <summary>The site holding a node, or null when no site places it.</summary>
    public Site? SiteOf(string node) => Index.SiteByNode.GetValueOrDefault(node);

    public Site? SiteNamed(string name) => Sites.FirstOrDefault(s => s.Name == name);

    /// <summary>Sites that hold cluster nodes (role data).</summary>
    public IEnumerable<Site> DataSites => Sites.Where(s => s.IsData);

    public ImmutableArray<Guest> GuestsOn(string node) => Index.GuestsByNode.Of(node);

    public HaResource? HaResource(string sid) => Index.ResourcesBySid.GetValueOrDefault(sid);

    /// <summary>The HA rules of rules.cfg that name <paramref name="sid"/> among their resources, in file order (disabled ones too).</summary>
    public List<HaRule> HaRulesNaming(string sid) => Index.RulesByResource.Holding(sid);

    /// <summary>The guest an HA resource manages (<c>vm:100</c> → guest 100), if its config was scanned.</summary>
    public Guest? GuestOf(HaResource resource) => resource.GuestId is { } id ? GuestById(id) : null;

    /// <summary>The replication jobs of a guest (replication.cfg order), disabled ones included.</summary>
    public ImmutableArray<ReplicationJob> ReplicationOf(int vmId) => Index.ReplicationByGuest.Of(vmId);

    /// <summary>The declared round-trip time between two sites (either order), if any.</summary>
    public SiteLatency? LatencyBetween(string siteA, string siteB) =>
        Latencies.FirstOrDefault(l => (l.SiteA == siteA && l.SiteB == siteB) || (l.SiteA == siteB && l.SiteB == siteA));

    /// <summary>
    /// Places a host (an IP address or a name, as written in corosync.conf or storage.cfg) in a site: one of the
    /// cluster's nodes (by name, FQDN or link address), else a site whose <c>addresses:</c> contain it, else unknown.
    /// Names are never resolved through DNS.
    /// </summary>
    public HostPlacement PlaceHost(string host)
    {
        var bare = host.Trim().TrimStart('[').TrimEnd(']');
        if (Index.NodeByAddressOrName(bare) is { } node) return new HostPlacement(host, node.Site, node, PlacementBasis.ClusterNode);
        if (IPAddress.TryParse(bare, out var address) && Sites.FirstOrDefault(s => s.Contains(address)) is { } site)
            return new HostPlacement(host, site, null, PlacementBasis.SiteNetwork);
        return new HostPlacement(host, null, null, PlacementBasis.Unknown);
    }

    private sealed class ModelIndex
    {
        public readonly ImmutableArray<PveNode> Nodes;
        public readonly Dictionary<string, PveNode> NodesByName = new(StringComparer.Ordinal);
        public readonly Dictionary<string, Site> SiteByNode = new(StringComparer.Ordinal);
        public readonly GroupedInOrder<string, Guest> GuestsByNode;
        public readonly Dictionary<int, Guest> GuestsById = new();
        public readonly Dictionary<string, StorageDef> StoragesById = new(StringComparer.Ordinal);
        public readonly Dictionary<string, HaResource> ResourcesBySid = new(StringComparer.Ordinal);
        public readonly GroupedInOrder<int, ReplicationJob> ReplicationByGuest;
        public readonly ResourceIndex<HaRule> RulesByResource;
        private readonly Dictionary<string, PveNode> nodesByAddress = new(StringComparer.OrdinalIgnoreCase);

        public ModelIndex(ClusterModel model)
        {
            foreach (var site in model.Sites)
                foreach (var n in site.Nodes) SiteByNode.TryAdd(n, site);
            GuestsById.EnsureCapacity(model.Guests.Length);
            foreach (var g in model.Guests) GuestsById.TryAdd(g.VmId, g);
            foreach (var s in model.Storages) StoragesById.TryAdd(s.Id.Value, s);
            ResourcesBySid.EnsureCapacity(model.Ha.Resources.Length);
            foreach (var r in model.Ha.Resources) ResourcesBySid.TryAdd(r.Sid, r);
            ReplicationByGuest = new(model.Replication, j => j.GuestId, EqualityComparer<int>.Default);
            RulesByResource = new ResourceIndex<HaRule>(model.Ha.Rules, rule => rule.Resources.Select(r => r.Value));
            GuestsByNode = new(model.Guests, g => g.Node, StringComparer.Ordinal);

            var corosyncNodes = new Dictionary<string, ClusterNode>(StringComparer.Ordinal);
            foreach (var c in model.Corosync?.Nodes ?? []) corosyncNodes.TryAdd(c.Name.Value, c);
            var capacities = model.Config.Nodes;
            Nodes = model.NodeNames.Select(name => new PveNode(
                name,
                corosyncNodes.GetValueOrDefault(name),
                SiteByNode.GetValueOrDefault(name),
                model.WatchdogFor(name),
                GuestsByNode.Of(name),
                capacities.GetValueOrDefault(name))).ToImmutableArray();
            foreach (var node in Nodes)
            {
                NodesByName.TryAdd(node.Name, node);
                nodesByAddress.TryAdd(node.Name, node);
                foreach (var address in node.LinkAddresses) nodesByAddress.TryAdd(address, node);
            }
        }

        public PveNode? NodeByAddressOrName(string host)
        {
            if (nodesByAddress.TryGetValue(host, out var node)) return node;
            var dot = host.IndexOf('.');
            // An FQDN of a node (pve1.example.com); an IPv4 address is not a name.
            return dot > 0 && !IPAddress.TryParse(host, out _) && nodesByAddress.TryGetValue(host[..dot], out node) ? node : null;
        }
    }
}
