using PveLint.Analysis.Quorum;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using static PveLint.Rules.Quorum.QuorumPhrases;

namespace PveLint.Rules.Quorum;

/// <summary>PVE1009: a node whose quorum_votes is not 1; the message says what losing that node does.</summary>
public sealed class NonDefaultQuorumVotes : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE1009", "non-default-quorum-votes",
        "A node with quorum_votes other than 1",
        Severity.Warning, RuleCategory.Corosync,
        "Proxmox gives every node one vote and its tools assume it (pvecm writes quorum_votes: 1, the QDevice setup requires it, last_man_standing and ffsplit need it). A node with more votes becomes a single point of failure for quorum; a node with 0 votes cannot help any partition.",
        "Set quorum_votes: 1 on every node and get the tie-breaking vote from a QDevice in a third location instead.",
        "quorum");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Corosync is not { } corosync || VoteConfig.From(corosync) is not { } config) yield break;
        var a = VoteArithmetic.Of(config);
        var evaluable = QuorumEvaluator.WhyNotEvaluable(a) is null;
        foreach (var node in corosync.Nodes)
        {
            if (node.QuorumVotes is not { } votes || votes.Value == 1) continue;
            var others = config.Nodes.Where(n => n.Name != node.Name.Value).Select(n => n.Name).ToList();
            var effect = "";
            if (evaluable && others.Count > 0)
            {
                var lost = QuorumEvaluator.Evaluate(config, [Partition.Of(others)]);
                effect = $": {Total(a)}, so losing {node.Name.Value} alone leaves {Leaves(lost)}";
            }
            var what = votes.Value == 0 ? "no vote" : Votes(votes.Value);
            yield return Report(votes.Span, $"Node {node.Name.Value} has {what} (quorum_votes: {votes.Value}) where Proxmox gives every node 1{effect}.");
        }
    }
}
