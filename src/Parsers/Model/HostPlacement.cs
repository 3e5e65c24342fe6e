namespace PveLint.Model;

/// <summary>How a host (QDevice, backup server, Ceph monitor) was placed in a site.</summary>
public enum PlacementBasis
{
    /// <summary>The host is (an address or the name of) one of the cluster's own nodes.</summary>
    ClusterNode,
    /// <summary>The host's IP address is inside a site's <c>addresses:</c> network.</summary>
    SiteNetwork,
    /// <summary>Nothing places it: a name pvelint does not resolve, or an address outside every declared network.</summary>
    Unknown,
}

/// <summary>Where a host lives, and why pvelint thinks so. Unknown placement is never assumed safe.</summary>
public sealed record HostPlacement(string Host, Site? Site, PveNode? Node, PlacementBasis Basis)
{
    public bool IsKnown => Basis != PlacementBasis.Unknown;

    /// <summary>A phrase for messages: "in site room-a (node pve-a1)", "in site witness (addresses 10.9.0.0/24)".</summary>
    public string Describe() => Basis switch
    {
        PlacementBasis.ClusterNode when Site is not null => $"on cluster node {Node!.Name} in site {Site.Name}",
        PlacementBasis.ClusterNode => $"on cluster node {Node!.Name}",
        PlacementBasis.SiteNetwork => $"in site {Site!.Name} (by its addresses: {string.Join(", ", Site.Addresses.Select(a => a.Value))})",
        _ => "in no known site (not a cluster node and outside every site's addresses: in .pvelint.yaml)",
    };
}
