using PveLint.Analysis.Quorum;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using static PveLint.Rules.Quorum.QuorumPhrases;

namespace PveLint.Rules.Quorum;

/// <summary>
/// PVE1013: fewer than three votes in total, and the evaluator confirms that losing a single node (or the QDevice)
/// leaves no quorate partition. A two_node pair (which survives one loss) is not reported; two sites of equal votes
/// are PVE1001's finding.
/// </summary>
public sealed class TooFewVotes : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE1013", "too-few-votes",
        "Fewer than three votes: no single failure is survivable",
        Severity.Warning, RuleCategory.Corosync,
        "votequorum needs floor(EV/2)+1 votes: with 2 votes that is both of them, so losing any node stops the cluster (and HA fences the survivor). Proxmox: 'at least three nodes for reliable quorum'; for two-node clusters it recommends a QDevice as the third vote.",
        "Add a QDevice in a third location (`pvecm qdevice setup <address>`) or a third node.",
        "quorum");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Corosync is not { } corosync || SiteQuorum.Of(model) is not { } sq || sq.EvenTwoSiteSplit) yield break;
        var a = sq.Arithmetic;
        var names = sq.Config.Nodes.Select(n => n.Name).ToList();
        if (names.Count < 2 || a.TotalVotes >= 3) yield break;
        var losses = names
            .Select(lost => (What: $"losing {lost}", Outcome: QuorumEvaluator.Evaluate(sq.Config, [Partition.Of(names.Where(n => n != lost))])))
            .ToList();
        if (a.HasQDevice) losses.Add(("losing the QDevice", QuorumEvaluator.Evaluate(sq.Config, [Partition.Of(names, reachesQDevice: false)])));
        var fatal = losses.Where(l => Stops(l.Outcome)).ToList();
        if (fatal.Count == 0) yield break;
        var every = fatal.Count == losses.Count ? "no single failure is survivable" : $"{string.Join(" and ", fatal.Select(f => f.What))} stop{(fatal.Count == 1 ? "s" : "")} the cluster";
        yield return Report(QuorumLocation(corosync),
            $"Only {Total(a)}: {string.Join(", ", fatal.Select(f => $"{f.What} leaves {Leaves(f.Outcome)}"))}; {every}.");
    }
}
