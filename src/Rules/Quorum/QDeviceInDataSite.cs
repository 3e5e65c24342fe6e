using PveLint.Analysis.Quorum;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using static PveLint.Rules.Quorum.QuorumPhrases;

namespace PveLint.Rules.Quorum;

/// <summary>
/// PVE1003: the QDevice host (quorum.device.net.host) is one of the cluster's nodes, shares a node's link address,
/// or is in a data site (by the site's <c>addresses:</c>, or <c>qdevice: true</c>). A host nothing places is a
/// warning when the cluster has data sites (pvelint cannot show it is in a third location), and no finding without
/// site data.
/// </summary>
public sealed class QDeviceInDataSite : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE1003", "qdevice-in-data-site",
        "The QDevice host is in a data site",
        Severity.Error, RuleCategory.Corosync,
        "The QDevice exists to break the tie when one site fails or the sites lose each other. Placed in one of the data sites (or on a cluster node), it fails together with that site: losing the site removes its nodes' votes and the QDevice's vote at once, and in a cut between the sites only that site can reach it.",
        "Run corosync-qnetd in a third location reachable from every site (a small VM or host elsewhere), then `pvecm qdevice remove` and `pvecm qdevice setup <third-site address>`; declare the third site with its addresses: in .pvelint.yaml.",
        "quorum", "qdevice", "sites");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Corosync?.Quorum.Device?.Host is not { } hostValue || SiteQuorum.Of(model) is not { QDevice: { } qdevice } sq) yield break;
        var a = sq.Arithmetic;
        var related = new List<RelatedSpan>();
        var node = qdevice.Placement.Node;
        var site = qdevice.Site is { IsData: true } s ? s : null;
        if (node is null && site is null)
        {
            if (!qdevice.IsKnown && sq.DataSites.Length >= 2)
                yield return Report(hostValue.Span,
                    $"The QDevice host {qdevice.Host} is {qdevice.Describe()}, so pvelint cannot tell whether it sits in a third location or in {string.Join(" or ", sq.DataSites.Select(d => d.Site.Name))} ({Total(a)}). " +
                    "Declare the witness site with its addresses: in .pvelint.yaml.") with { Severity = Severity.Warning };
            yield break;
        }
        string where;
        if (node is not null)
        {
            var how = string.Equals(qdevice.Host.Trim('[', ']'), node.Name, StringComparison.OrdinalIgnoreCase) ? "is cluster node" : "is an address of cluster node";
            where = $"{how} {node.Name}{(node.Site is { } ns ? $" in site {ns.Name}" : "")}";
            if (node.Corosync is { } entry) related.Add(new RelatedSpan(entry.Span, $"node {node.Name}"));
        }
        else
        {
            where = $"is {qdevice.Describe()}, a data site, not a third location";
        }
        if (site is not null && SiteLocation(site, $"site {site.Name}") is { } at) related.Add(at);

        string effect;
        if (site is not null && sq.DataSites.FirstOrDefault(d => d.Site == site) is { } votes)
        {
            effect = $"losing {site.Name} ({Votes(votes.Votes)} + the QDevice's {a.QDeviceVotes}) leaves {Leaves(sq.LoseSite(votes))}";
            if (sq.DataSites.Length == 2) effect += $", and in a cut between the sites only {site.Name} reaches the QDevice";
        }
        else if (node is null)
        {
            // A data site of .pvelint.yaml whose nodes hold no votes (or are not in corosync.conf).
            effect = $"losing {site!.Name} takes the QDevice's {Votes(a.QDeviceVotes)} with it";
        }
        else
        {
            var lost = QuorumEvaluator.Evaluate(sq.Config, [Partition.Of(sq.Config.Nodes.Where(n => n.Name != node.Name).Select(n => n.Name), reachesQDevice: false)]);
            effect = $"losing {node.Name} ({Votes(node.Votes ?? 0)}) takes the QDevice's {Votes(a.QDeviceVotes)} with it and leaves {Leaves(lost)}";
        }
        yield return Report(hostValue.Span, $"The QDevice host {qdevice.Host} {where}: {Total(a)}; {effect}.", related);
    }
}
