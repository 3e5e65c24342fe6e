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
    public static string Of(ClusterModel model, string node) => Describe(DomainOf(model, node));

    /// <summary>The one domain all the nodes are in, or null when they span two or more (or none is known).</summary>
    public static string? Single(ClusterModel model, IEnumerable<string> nodes)
    {
        // Compared as (site, node) pairs, and described once: rules ask this for every resource.
        (string? Site, string? Node)? domain = null;
        foreach (var node in nodes)
        {
            var next = DomainOf(model, node);
            if (domain is null) domain = next;
            else if (next != domain) return null;
        }
        return domain is { } single ? Describe(single) : null;
    }

    /// <summary>A node's site, or the node itself when no site places it.</summary>
    private static (string? Site, string? Node) DomainOf(ClusterModel model, string node) =>
        model.SiteOf(node) is { } site ? (site.Name, null) : (null, node);

    private static string Describe((string? Site, string? Node) domain) =>
        domain.Site is { } site ? $"site {site}" : $"node {domain.Node}";

    /// <summary>True when the whole cluster is one failure domain (one site, or one node): no rule can spread wider.</summary>
    public static bool WholeClusterIsOne(ClusterModel model) => !model.NodeNames.IsEmpty && Single(model, model.NodeNames) is not null;

    /// <summary>The sentence that says how pvelint found the failure domains.</summary>
    public static string Basis(ClusterModel model) => HaveSites(model)
        ? ""
        : " No sites are declared (.pvelint.yaml 'sites:', or CRUSH datacenters), so pvelint treats each node as its own failure domain; declare the sites to check for site failures too.";

    /// <summary>The cluster nodes among <paramref name="nodes"/> (rule nodes that are not cluster nodes are PVE0008).</summary>
    public static List<string> Known(ClusterModel model, IEnumerable<string> nodes) => KnownLazily(model, nodes).ToList();

    /// <summary><see cref="Known"/> one by one, for rules that stop early: no list is made.</summary>
    public static IEnumerable<string> KnownLazily(ClusterModel model, IEnumerable<string> nodes) =>
        model.NodeNames.IsEmpty ? nodes : nodes.Where(n => model.Node(n) is not null);
}
