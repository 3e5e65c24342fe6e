using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Quorum;

/// <summary>
/// PVE1007: two nodes with the same nodeid (corosync refuses to start: 'Nodeid N appears twice in corosync.conf'),
/// the same name, or the same link address (corosync starts; checked with corosync -t, tests/oracles/corosync-startup/).
/// </summary>
public sealed class DuplicateNodeIdentity : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE1007", "duplicate-node-identity",
        "Two nodes sharing a nodeid, name or link address",
        Severity.Error, RuleCategory.Corosync,
        "corosync identifies nodes by nodeid and refuses to start when one appears twice. Two nodes with the same name start, but PVE keys everything by node name (its corosync.conf parser keeps only one of them, pmxcfs, HA and the GUI see one node). Two nodes with the same link address start too, but knet cannot tell them apart on that link; Proxmox refuses to reuse an address when a node joins because it 'can crash the whole cluster'.",
        "Give every node its own nodeid, name and addresses: correct the copied node block (usually the last one added) and increase config_version.",
        "identity");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Corosync is not { } corosync) yield break;
        foreach (var group in corosync.Nodes.Where(n => n.NodeId is not null).GroupBy(n => n.NodeId!.Value).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var dup in group.Skip(1))
                yield return Report(dup.NodeId!.Span,
                    $"Nodes {first.Name.Value} and {dup.Name.Value} both have nodeid {group.Key}: corosync refuses to start ('Nodeid {group.Key} appears twice in corosync.conf').",
                    [new RelatedSpan(first.NodeId!.Span, $"{first.Name.Value}'s nodeid")]);
        }
        foreach (var group in corosync.Nodes.Where(n => n.Name.Value.Length > 0).GroupBy(n => n.Name.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var dup in group.Skip(1))
                yield return Report(dup.Name.Span,
                    $"Two nodes are named {dup.Name.Value} (nodeids {first.NodeId?.Value.ToString() ?? "none"} and {dup.NodeId?.Value.ToString() ?? "none"}): corosync starts, but PVE keys nodes by name (case-sensitively, as corosync does), so pmxcfs, HA and the GUI see only one of them.",
                    [new RelatedSpan(first.Span, $"the first node named {first.Name.Value}")]);
        }
        var seen = new Dictionary<string, (ClusterNode Node, NodeLink Link)>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in corosync.Nodes)
            foreach (var link in node.Links)
            {
                var address = link.Address.Value.Trim();
                if (address.Length == 0) continue;
                if (seen.TryGetValue(address, out var first) && first.Node != node)
                    yield return Report(link.Address.Span,
                        $"Nodes {first.Node.Name.Value} (link {first.Link.LinkNumber}) and {node.Name.Value} (link {link.LinkNumber}) share the address {address}: corosync starts, but knet cannot tell the two nodes apart there, and Proxmox refuses to reuse an address when a node joins ('that can crash the whole cluster').",
                        [new RelatedSpan(first.Link.Address.Span, $"{first.Node.Name.Value}'s ring{first.Link.LinkNumber}_addr")]);
                else seen.TryAdd(address, (node, link));
            }
    }
}
