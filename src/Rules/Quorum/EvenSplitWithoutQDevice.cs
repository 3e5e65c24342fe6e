using PveLint.Analysis.Quorum;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using static PveLint.Rules.Quorum.QuorumPhrases;

namespace PveLint.Rules.Quorum;

/// <summary>
/// PVE1001: the votes split evenly between two sites with no third vote. With sites known it evaluates losing each
/// site and cutting the link between them (<see cref="SiteQuorum"/>); without site data it warns by node count,
/// evaluating a split of the nodes into two equal halves.
/// </summary>
public sealed class EvenSplitWithoutQDevice : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE1001", "even-split-without-qdevice",
        "Votes split evenly between two sites and no QDevice",
        Severity.Error, RuleCategory.Corosync,
        "votequorum needs floor(expected votes / 2) + 1 votes. With the votes split evenly between two sites and no third vote, neither site alone has a majority: losing either site, or the link between them, leaves every partition inquorate and HA fences every node.",
        "Add a QDevice (corosync-qnetd) in a third location with `pvecm qdevice setup <address>`, so the surviving side keeps quorum; or give one site a majority of the votes and accept that losing that site stops the cluster.",
        "quorum", "sites");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Corosync is not { } corosync || SiteQuorum.Of(model) is not { } sq || sq.Arithmetic.HasQDevice) yield break;
        if (sq.EvenTwoSiteSplit)
        {
            if (BySite(model, corosync, sq) is { } finding) yield return finding;
        }
        else if (!sq.SitesCoverAllVotes && ByNodeCount(corosync, sq) is { } fallback)
        {
            yield return fallback;
        }
    }

    private Finding? BySite(ClusterModel model, CorosyncModel corosync, SiteQuorum sq)
    {
        var (a, b) = (sq.DataSites[0], sq.DataSites[1]);
        var loseA = sq.LoseSite(a);
        var loseB = sq.LoseSite(b);
        var cut = sq.CutBetweenSites();
        if (!Stops(loseA) && !Stops(loseB) && !Stops(cut)) return null;
        var stopping = new[] { (loseA, $"losing {a.Site.Name}"), (loseB, $"losing {b.Site.Name}"), (cut, "the cut") }.Where(x => Stops(x.Item1)).Select(x => x.Item2).ToList();
        var consequence = stopping.Count == 3 ? "each of these stops the whole cluster" : string.Join(" and ", stopping) + (stopping.Count == 1 ? " stops" : " stop") + " the whole cluster";
        var message =
            $"Sites {a.Site.Name} and {b.Site.Name} ({sq.Basis}) hold {Votes(a.Votes)} each and there is no QDevice: {Total(sq.Arithmetic)}: " +
            $"losing {a.Site.Name}'s {Votes(a.Votes)} leaves {Leaves(loseA)}, losing {b.Site.Name}'s {Votes(b.Votes)} leaves {Leaves(loseB)}, " +
            $"and cutting the link between them leaves {Leaves(cut)}; {consequence}.";
        var related = new[] { SiteLocation(a.Site, $"site {a.Site.Name}: {string.Join(", ", a.NodeNames)}"), SiteLocation(b.Site, $"site {b.Site.Name}: {string.Join(", ", b.NodeNames)}") }
            .OfType<RelatedSpan>();
        return Report(QuorumLocation(corosync), message, related);
    }

    private Finding? ByNodeCount(CorosyncModel corosync, SiteQuorum sq)
    {
        var a = sq.Arithmetic;
        if (a.NodelistVotes < 4 || a.NodelistVotes % 2 != 0) return null;   // fewer votes: PVE1013's finding
        if (EqualHalves(sq.Config.Nodes) is not { } half) return null;
        var other = sq.Config.Nodes.Where(n => !half.Contains(n)).ToList();
        var cut = QuorumEvaluator.Evaluate(sq.Config, [Partition.Of(half.Select(n => n.Name)), Partition.Of(other.Select(n => n.Name))]);
        if (!Stops(cut)) return null;
        var why = sq.DataSites.IsEmpty
            ? "no site data (no sites in .pvelint.yaml or the CRUSH map)"
            : $"the {sq.Basis} place only {string.Join(", ", sq.DataSites.SelectMany(s => s.NodeNames))}";
        var message =
            $"{Total(a)} from {sq.Config.Nodes.Length} nodes and no QDevice; with {why}, pvelint judges by node count: a split into two halves of " +
            $"{Votes(a.NodelistVotes / 2)} ({string.Join(", ", half.Select(n => n.Name))} | {string.Join(", ", other.Select(n => n.Name))}), such as two rooms and the link between them, " +
            $"leaves {Leaves(cut)} and stops the whole cluster. Declare the sites in .pvelint.yaml to check the real layout.";
        return Report(QuorumLocation(corosync), message, NodeLocations(corosync, half.Select(n => n.Name), "one half of the votes")) with { Severity = Severity.Warning };
    }

    /// <summary>The nodes of one half of an even vote split, taking nodes in nodelist order where possible.</summary>
    private static List<VoteNode>? EqualHalves(IReadOnlyList<VoteNode> nodes)
    {
        var target = nodes.Sum(n => n.Votes) / 2;
        if (nodes.Count > 20) return null;
        for (var mask = 1; mask < 1 << nodes.Count; mask++)
        {
            var sum = 0;
            for (var i = 0; i < nodes.Count; i++)
                if ((mask & (1 << i)) != 0) sum += nodes[i].Votes;
            if (sum == target && (mask & 1) != 0) return nodes.Where((_, i) => (mask & (1 << i)) != 0).ToList();
        }
        return null;
    }
}
