using PveLint.Analysis.Quorum;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using static PveLint.Rules.Quorum.QuorumPhrases;

namespace PveLint.Rules.Quorum;

/// <summary>
/// PVE1005: every node has one knet link only. Not reported for udp/udpu, which have one link by design and are
/// PVE1012's finding, nor for a one-node cluster.
/// </summary>
public sealed class SingleCorosyncLink : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE1005", "single-corosync-link",
        "Only one corosync link",
        Severity.Warning, RuleCategory.Corosync,
        "With a single knet link, one switch, cable or NIC failure cuts a node off the cluster network: it loses quorum and, with HA, fences itself after about a minute, while a second link on a separate network would carry corosync without a hiccup. Proxmox: 'To ensure reliable Corosync redundancy, it is essential to have at least another link on a different physical network.'",
        "Add a second link on a different physical network: a ring1_addr for every node and a totem interface with linknumber 1 (`pvecm` or the GUI's cluster join information), then increase config_version.",
        "network", "redundancy");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Corosync is not { } corosync || corosync.Nodes.Length < 2) yield break;
        if (corosync.Totem.Transport?.Value is { } transport && transport != "knet") yield break;
        var links = corosync.Nodes.SelectMany(n => n.Links.Select(l => l.LinkNumber)).Distinct().ToList();
        if (links.Count != 1 || corosync.Nodes.Any(n => n.Links.IsEmpty)) yield break;
        var link = links[0];
        var arithmetic = VoteArithmetic.Of(VoteConfig.From(corosync)!);
        var node = corosync.Nodes[0];
        var isolation = QuorumEvaluator.WhyNotEvaluable(arithmetic) is null
            ? QuorumEvaluator.Evaluate(arithmetic.Config, [Partition.Of(node.Name.Value), Partition.Of(corosync.Nodes.Skip(1).Select(n => n.Name.Value))])
            : null;
        var effect = isolation is null
            ? ""
            : $" ({Total(arithmetic)}: a NIC or switch-port failure on {node.Name.Value} leaves it {isolation.Partitions[0].TotalVotes} of {isolation.Partitions[0].ExpectedVotes} votes, {(isolation.Partitions[0].IsQuorate ? "still quorate" : "inquorate, so it fences itself if it runs HA resources")})";
        var message = $"All {corosync.Nodes.Length} nodes use link {link} only: one switch or NIC failure on that network cuts nodes off the cluster{effect}. Add a second link on a separate network.";
        var at = corosync.NodelistSpan ?? corosync.Totem.Span ?? node.Span;
        yield return Report(at, message, corosync.Nodes.Select(n => new RelatedSpan(n.Links[0].Address.Span, $"{n.Name.Value}'s only link address")));
    }
}
