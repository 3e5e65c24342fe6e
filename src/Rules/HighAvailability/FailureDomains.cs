using PveLint.Model;

namespace PveLint.Rules.HighAvailability;

/// <summary>
/// Nodes that fail together, for the HA design rules: the sites of the model (.pvelint.yaml <c>sites:</c> or CRUSH
/// datacenters), else each node on its own. A node no site places is its own domain.
/// </summary>
internal static class FailureDomains
{
    public static bool HaveSites(ClusterModel model) => model.Sites.Any(s => s.IsData);

    /// <summary>The failure domain of a node: "site dc-a", or "node pve1".</summary>
    public static string Of(ClusterModel model, string node) => model.SiteOf(node) is { } site ? $"site {site.Name}" : $"node {node}";

    /// <summary>The one domain all the nodes are in, or null when they span two or more (or none is known).</summary>
    public static string? Single(ClusterModel model, IEnumerable<string> nodes)
    {
        // Compared by site name (or node name without a site), not by the text: rules ask this for every resource.
        string? first = null;
        (string? Site, string? Node) domain = default;
        foreach (var node in nodes)
        {
            var site = model.SiteOf(node)?.Name;
            (string? Site, string? Node) key = site is null ? (null, node) : (site, null);
            if (first is null) (first, domain) = (node, key);
            else if (key != domain) return null;
        }
        return first is null ? null : Of(model, first);
    }

    /// <summary>True when the whole cluster is one failure domain (one site, or one node): no rule can spread wider.</summary>
    public static bool WholeClusterIsOne(ClusterModel model) => !model.NodeNames.IsEmpty && Single(model, model.NodeNames) is not null;

    /// <summary>The sentence that says how pvelint found the failure domains.</summary>
    public static string Basis(ClusterModel model) => HaveSites(model)
        ? ""
        : " No sites are declared (.pvelint.yaml 'sites:', or CRUSH datacenters), so pvelint treats each node as its own failure domain; declare the sites to check for site failures too.";

    /// <summary>The cluster nodes among <paramref name="nodes"/> (rule nodes that are not cluster nodes are PVE0008).</summary>
    public static List<string> Known(ClusterModel model, IEnumerable<string> nodes) =>
        model.NodeNames.IsEmpty ? nodes.ToList() : nodes.Where(n => model.Node(n) is not null).ToList();
}
