using PveLint.Model;

namespace PveLint.Simulation.Scenarios;

/// <summary>
/// Where the QDevice host (corosync-qnetd) lives, for deciding which failures take it down and which side of a
/// netsplit reaches it: on a cluster node, in a site (by its addresses or a site declared with <c>qdevice: true</c>),
/// or unknown.
/// </summary>
public sealed record QDeviceLocation(string Host, string? Node, string? Site)
{
    public bool IsKnown => Node is not null || Site is not null;

    /// <summary>Null when corosync.conf configures no QDevice.</summary>
    public static QDeviceLocation? Of(ClusterModel model)
    {
        if (model.Corosync?.Quorum.Device is not { } device) return null;
        var host = device.Host?.Value ?? "";
        var placement = host.Length > 0 ? model.PlaceHost(host) : null;
        if (placement is { Node: { } node }) return new QDeviceLocation(host, node.Name, node.Site?.Name);
        if (placement is { Site: { } site }) return new QDeviceLocation(host, null, site.Name);
        // A site declared to hold the QDevice places it when its address does not.
        var declared = model.Sites.Where(s => s.HasQDevice).ToList();
        return new QDeviceLocation(host, null, declared.Count == 1 ? declared[0].Name : null);
    }

    public string Describe() => Host.Length > 0 ? $"QDevice host {Host}" : "the QDevice host";
}
