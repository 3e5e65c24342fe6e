using PveLint.Analysis.Quorum;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using static PveLint.Rules.Quorum.QuorumPhrases;

namespace PveLint.Rules.Quorum;

/// <summary>
/// PVE1011: <c>two_node: 1</c> on more than two nodes, or with <c>wait_for_all: 0</c>. corosync accepts both
/// (checked with corosync -t, tests/oracles/corosync-startup/). two_node with a QDevice is refused by votequorum and
/// reported as PVE0003 at two_node; that finding is the only one for it.
/// </summary>
public sealed class TwoNodeMisconfigured : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE1011", "two-node-misconfigured",
        "two_node on more than two nodes, or without wait_for_all",
        Severity.Error, RuleCategory.Corosync,
        "two_node forces quorum to 1 whenever at most two nodes are members, relying on fencing to settle a 1|1 split. On three or more nodes that turns an ordinary split into split brain: both sides are quorate. two_node also implies wait_for_all; turned off, a node that boots while it cannot see the other is quorate alone. corosync accepts both without a word.",
        "Remove two_node (Proxmox itself never sets it: use a QDevice for two-node clusters), and never set wait_for_all: 0 next to it.",
        "quorum", "split-brain");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Corosync is not { } corosync || corosync.Quorum.TwoNode is not { Value: true } twoNode) yield break;
        if (VoteConfig.From(corosync) is not { } config) yield break;
        var a = VoteArithmetic.Of(config);
        if (QuorumEvaluator.WhyNotEvaluable(a) is not null) yield break;   // e.g. with a QDevice: PVE0003
        var names = config.Nodes.Select(n => n.Name).ToList();

        if (names.Count > 2)
        {
            var split = QuorumEvaluator.Evaluate(config, [Partition.Of(names[0]), Partition.Of(names.Skip(1))]);
            var effect = split.Steps[0].SplitBrain
                ? $"a cut {names[0]} | {string.Join(", ", names.Skip(1))} leaves {Leaves(split)}: split brain"
                : $"a cut {names[0]} | {string.Join(", ", names.Skip(1))} leaves {Leaves(split)}";
            yield return Report(twoNode.Span,
                $"two_node: 1 on {names.Count} nodes ({Total(a)} with all up): corosync accepts it, and votequorum then forces quorum to 1 whenever at most 2 nodes are members; {effect}.",
                NodeLocations(corosync, names.Skip(2), "a node beyond the two two_node is meant for"));
        }

        if (corosync.Quorum.WaitForAll is { Value: false } wfa && names.Count >= 2)
        {
            var (first, second) = (names[0], names[1]);
            var rest = names.Skip(2).ToList();
            // The first node goes down, then boots while it cannot reach the others.
            var steps = new[]
            {
                MembershipStep.Of(Partition.Of([second, .. rest])),
                MembershipStep.Of(Partition.Of(first), Partition.Of([second, .. rest])),
            };
            var outcome = QuorumEvaluator.EvaluateSequence(config, steps);
            var alone = outcome.Steps[^1].Partitions[0];
            yield return Report(wfa.Span,
                $"two_node: 1 with wait_for_all: 0, which corosync accepts: a node that boots while it cannot reach the other{(rest.Count > 0 ? "s" : "")} does not wait for them; {first} rebooting behind a cut is {(alone.IsQuorate ? "quorate" : "inquorate")} alone ({alone.TotalVotes} of {alone.ExpectedVotes} votes, quorum {alone.Quorum}){(outcome.Steps[^1].SplitBrain ? " while the other side is quorate too: split brain" : "")}.",
                [new RelatedSpan(twoNode.Span, "two_node: 1")]);
        }
    }
}
