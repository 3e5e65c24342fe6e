using PveLint.Analysis.Quorum;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using static PveLint.Rules.Quorum.QuorumPhrases;

namespace PveLint.Rules.Quorum;

/// <summary>
/// PVE1002: a QDevice on an odd node count. The message compares, with the evaluator, losing one node while the
/// QDevice host is lost against the same cluster without a QDevice.
/// </summary>
public sealed class QDeviceWithOddNodeCount : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE1002", "qdevice-with-odd-node-count",
        "A QDevice on an odd number of nodes",
        Severity.Warning, RuleCategory.Corosync,
        "Proxmox supports QDevices for even node counts only and discourages them on odd counts: with lms the device gets N-1 votes, so once corosync-qnetd is unreachable no node may fail; with ffsplit the device only ever backs a partition that already has a node majority, so it adds nothing and costs a failure.",
        "Remove the QDevice (`pvecm qdevice remove`) while the node count is odd, or add a node to make the count even and set the QDevice up again (ffsplit, one vote).",
        "quorum", "qdevice");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Corosync is not { } corosync || corosync.Quorum.Device is not { } device) yield break;
        if (VoteConfig.From(corosync) is not { QDevice: { } qdevice } config) yield break;
        var a = VoteArithmetic.Of(config);
        if (a.NodeCount % 2 == 0 || a.NodeCount < 3 || QuorumEvaluator.WhyNotEvaluable(a) is not null) yield break;

        var survivors = config.Nodes.Take(config.Nodes.Length - 1).Select(n => n.Name).ToList();
        var lost = config.Nodes[^1].Name;
        var withoutQnetd = QuorumEvaluator.Evaluate(config, [Partition.Of(survivors, reachesQDevice: false)]);
        var plain = QuorumEvaluator.Evaluate(config with { QDevice = null }, [Partition.Of(survivors)]);
        var votes = a.QDeviceVotesAutomatic ? $"{a.QDeviceVotes} votes (N-1, automatic)" : Votes(a.QDeviceVotes);
        var message =
            $"{a.NodeCount} nodes with a QDevice ({qdevice.Algorithm}, {votes}): {Total(a)}. With the QDevice host unreachable, losing one node ({lost}) leaves {Leaves(withoutQnetd)}, " +
            (plain.AnyQuorate
                ? $"where the {a.NodeCount} nodes without a QDevice would keep quorum ({plain.Partitions[0].TotalVotes} of {plain.Partitions[0].ExpectedVotes}, quorum {plain.Partitions[0].Quorum})"
                : "as without a QDevice") +
            (qdevice.Algorithm == QDeviceSettings.FiftyFiftySplit
                ? $"; ffsplit on an odd count gives its vote only to a partition that already has a node majority, so it never decides a split."
                : "; Proxmox supports QDevices on even node counts only.");
        yield return Report(device.Span, message);
    }
}
