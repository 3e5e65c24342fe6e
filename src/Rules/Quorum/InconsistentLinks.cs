using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Quorum;

/// <summary>
/// PVE1006: nodes with different link sets (corosync refuses to start), a totem interface no node has an address
/// for, and a link with addresses but no interface block (corosync starts, PVE's verify_conf fails). What the real
/// corosync does with each is recorded in tests/oracles/corosync-startup/ (corosync -t, 3.1.7).
/// </summary>
public sealed class InconsistentLinks : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE1006", "inconsistent-links",
        "Nodes with different corosync links, or links and interfaces that do not match",
        Severity.Error, RuleCategory.Corosync,
        "Every node must list an address for the same links. corosync refuses to start when they differ; when a totem interface has no addresses, or addresses have no interface, corosync starts but PVE's own check (PVE::Corosync::verify_conf) fails, so `pvecm add` and the cluster join API refuse to touch the configuration, and the link the interface promises does not exist.",
        "Give every node an address (ringN_addr) for every link the cluster uses, and one totem interface block (linknumber N) per link; remove interface blocks of links no node uses. Increase config_version.",
        "network", "redundancy");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Corosync is not { } corosync || corosync.Nodes.IsEmpty) yield break;
        var allLinks = corosync.Nodes.SelectMany(n => n.Links.Select(l => l.LinkNumber)).Distinct().Order().ToList();
        // totemconfig.c: a node without addresses is on no link; with more than one link, every link needs as many
        // members as the first, else 'Not all nodes have the same number of links' (issue 7 class 15).
        var linked = corosync.Nodes.Where(n => !n.Links.IsEmpty).ToList();
        var countsDiffer = allLinks.Count > 1 && allLinks.Select(l => linked.Count(n => n.Links.Any(x => x.LinkNumber == l))).Distinct().Count() > 1;
        foreach (var node in corosync.Nodes)
        {
            var missing = allLinks.Where(l => node.Links.All(x => x.LinkNumber != l)).ToList();
            if (missing.Count == 0) continue;
            var others = corosync.Nodes.Where(n => n != node && n.Links.Any(l => missing.Contains(l.LinkNumber))).ToList();
            var related = others.SelectMany(o => o.Links.Where(l => missing.Contains(l.LinkNumber)).Select(l => new RelatedSpan(l.Address.Span, $"{o.Name.Value}'s ring{l.LinkNumber}_addr")));
            if (node.Links.IsEmpty)
            {
                yield return Report(node.Span,
                    $"Node {NameOf(node)} has no link address at all: corosync starts and leaves it out of every link, so this node can never join the cluster, while its entry still counts towards expected votes.", related);
                continue;
            }
            // With as many members on every link, each node's corosync stops on a link its own entry lacks.
            // corosync checks the ports of the local node's links first: on this node it stops at the link it lacks.
            var consequence = countsDiffer
                ? $"corosync refuses to start ('Not all nodes have the same number of links'; on {NameOf(node)} first 'No multicast port specified for interface {missing[0]}')"
                : $"corosync refuses to start on {NameOf(node)} ('No multicast port specified for interface {missing[0]}')";
            var has = $"has link{(node.Links.Length > 1 ? "s" : "")} {string.Join(", ", node.Links.Select(l => l.LinkNumber))} only";
            yield return Report(node.Span,
                $"Node {NameOf(node)} {has}, while {string.Join(", ", others.Select(o => NameOf(o)))} also {(others.Count == 1 ? "has" : "have")} link {string.Join(", ", missing)}: {consequence}.",
                related);
        }

        var interfaces = corosync.Totem.Interfaces;
        if (interfaces.IsEmpty) yield break;
        foreach (var iface in interfaces)
        {
            var link = iface.LinkNumber?.Value ?? 0;
            if (allLinks.Contains(link)) continue;
            yield return Report(iface.Span,
                $"Totem interface for link {link} has no address on any node: corosync starts and ignores it, so the cluster has no link {link}, and PVE's verify_conf fails ('node '{corosync.Nodes[0].Name.Value}' is missing address for interface number {link}'), so pvecm add and the join API refuse to change the cluster.",
                corosync.Nodes.Select(n => new RelatedSpan(n.Span, $"{n.Name.Value} has no ring{link}_addr")));
        }
        foreach (var link in allLinks.Where(l => interfaces.All(i => (i.LinkNumber?.Value ?? 0) != l)))
        {
            var holders = corosync.Nodes.Where(n => n.Links.Any(l => l.LinkNumber == link)).ToList();
            var first = holders[0].Links.First(l => l.LinkNumber == link);
            yield return Report(first.Address.Span,
                $"Link {link} has addresses ({string.Join(", ", holders.Select(h => h.Name.Value))}) but no totem interface block with linknumber {link}: corosync starts with the link's defaults, but PVE's verify_conf fails ('node '{holders[0].Name.Value}' has 'ring{link}_addr', but there is no interface number {link} configured'), so pvecm add and the join API refuse to change the cluster.",
                interfaces.Select(i => new RelatedSpan(i.Span, $"the interface block for link {i.LinkNumber?.Value ?? 0}")));
        }
    }

    private static string NameOf(ClusterNode node) => node.Name.Value.Length > 0 ? node.Name.Value : "without a name";
}
