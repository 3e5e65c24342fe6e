using PveLint.Analysis.Quorum;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using static PveLint.Rules.Quorum.QuorumPhrases;

namespace PveLint.Rules.Quorum;

/// <summary>
/// PVE1014: last_man_standing, auto_tie_breaker or allow_downscale in a cluster with HA resources, each explained
/// with the evaluator. Combinations votequorum refuses (with a QDevice) are PVE0003's finding.
/// </summary>
public sealed class RiskyQuorumOptions : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE1014", "risky-quorum-options",
        "last_man_standing, auto_tie_breaker or allow_downscale in a cluster running HA",
        Severity.Warning, RuleCategory.Corosync,
        "HA fences a node that loses quorum and recovers its resources where quorum is. last_man_standing keeps shrinking expected votes until a small remainder is quorate and takes every resource; auto_tie_breaker hands a 50:50 split to the half with a chosen node, so if that half dies instead of being cut off the other half fences itself too; allow_downscale is marked incomplete and unsupported by corosync. Proxmox's own setup uses none of them.",
        "Remove the option from the quorum section and get the tie-breaking vote from a QDevice in a third location instead.",
        "quorum", "ha");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Ha.Resources.IsEmpty || model.Corosync is not { } corosync || VoteConfig.From(corosync) is not { } config) yield break;
        var a = VoteArithmetic.Of(config);
        var q = corosync.Quorum;
        var resources = $"{model.Ha.Resources.Length} HA resource{(model.Ha.Resources.Length == 1 ? "" : "s")}";
        var refused = a.Refusals.Select(r => r.Kind).ToHashSet();
        var evaluable = QuorumEvaluator.WhyNotEvaluable(a) is null;

        if (q.LastManStanding is { Value: true } lms && !refused.Contains(VotequorumRefusalKind.QDeviceWithLastManStanding))
            yield return Report(lms.Span, LastManStanding(config, a, evaluable, resources));
        if (q.AutoTieBreaker is { Value: true } atb && !refused.Contains(VotequorumRefusalKind.QDeviceWithAutoTieBreaker))
            yield return Report(atb.Span, AutoTieBreaker(config, a, evaluable, resources));
        if (q.AllowDownscale is { Value: true } downscale && !refused.Contains(VotequorumRefusalKind.QDeviceWithAllowDownscale))
            yield return Report(downscale.Span,
                $"allow_downscale with {resources}: votequorum(5) calls it 'INCOMPLETE AND CURRENTLY UNSUPPORTED'; in corosync 3.1.7 it turns on expected_votes_tracking, which ignores quorum.expected_votes and keeps expected votes in /var/lib/corosync/ev_tracking on each node, so nodes can disagree about the threshold ({Total(a)} now).");
    }

    private static string LastManStanding(VoteConfig config, VoteArithmetic a, bool evaluable, string resources)
    {
        if (!a.LastManStanding)
            return $"last_man_standing with {resources}: it is disabled at run time because a node has more than one vote, so it does nothing but mislead.";
        if (!evaluable) return $"last_man_standing with {resources}: expected votes follow the surviving nodes after every last_man_standing_window.";
        var names = config.Nodes.Select(n => n.Name).ToList();
        var steps = Enumerable.Range(1, names.Count - 1).Select(k => MembershipStep.Of(Partition.Of(names.Take(names.Count - k)))).ToList();
        var outcome = QuorumEvaluator.EvaluateSequence(config, steps);
        var lastQuorate = outcome.Steps.Select((s, i) => (s, Survivors: names.Count - 1 - i)).LastOrDefault(x => x.s.Partitions[0].IsQuorate);
        var plain = names.Count - (a.NodelistVotes - a.Quorum);
        var window = config.LastManStandingWindowMs;
        if (lastQuorate.s is not null && lastQuorate.Survivors >= plain)
            return $"last_man_standing with {resources} ({Total(a)}): here it never lowers expected votes below {a.ExpectedVotes}{(config.AllowDownscale ? " (allow_downscale keeps them at the configured value)" : "")}, so nodes failing one at a time still stop the cluster below {plain} nodes, as without it: it only misleads.";
        return lastQuorate.s is null
            ? $"last_man_standing with {resources} ({Total(a)}): expected votes follow the survivors once each loss has lasted {window} ms."
            : $"last_man_standing with {resources} ({Total(a)}): when nodes fail one at a time, each loss lasting {window} ms, expected votes follow the survivors and the cluster stays quorate down to {lastQuorate.Survivors} node{(lastQuorate.Survivors == 1 ? "" : "s")} ({string.Join(", ", names.Take(lastQuorate.Survivors))}; without it, down to {Math.Max(plain, 1)}), and HA recovers every resource onto that remainder.";
    }

    private static string AutoTieBreaker(VoteConfig config, VoteArithmetic a, bool evaluable, string resources)
    {
        if (a.AutoTieBreaker.Mode == TieBreakerMode.None)
        {
            var why = a.Adjustments.Contains(VotequorumAdjustmentKind.AutoTieBreakerDisabledOnOddVotes)
                ? $"votequorum disables it on an odd number of votes ({a.NodelistVotes}) without wait_for_all"
                : "votequorum disables it because auto_tie_breaker_node is not 'lowest', 'highest' or a list of nodeids";
            return $"auto_tie_breaker with {resources}: {why}, so it has no effect.";
        }
        if (!evaluable || config.Nodes.Length < 2) return $"auto_tie_breaker ({a.AutoTieBreaker.Describe()}) with {resources}: a 50:50 split goes to the half holding the tie-breaker node.";
        var ordered = config.Nodes.OrderBy(n => n.NodeId).ToList();
        var favoured = a.AutoTieBreaker.Mode switch
        {
            TieBreakerMode.Highest => ordered[^1],
            TieBreakerMode.List => config.Nodes.FirstOrDefault(n => n.NodeId == a.AutoTieBreaker.NodeIds[0]) ?? ordered[0],
            _ => ordered[0],
        };
        // The favoured half: the tie-breaker node and the nodes nearest to it in nodeid order, half of the votes.
        var half = new List<VoteNode>();
        foreach (var n in ordered.OrderBy(n => Math.Abs(ordered.IndexOf(n) - ordered.IndexOf(favoured))))
            if (half.Sum(h => h.Votes) + n.Votes <= a.NodelistVotes / 2) half.Add(n);
        var rest = config.Nodes.Where(n => !half.Contains(n)).Select(n => n.Name).ToList();
        var lose = QuorumEvaluator.Evaluate(config, [Partition.Of(rest)]);
        return $"auto_tie_breaker ({a.AutoTieBreaker.Describe()}) with {resources} ({Total(a)}): a 50:50 split goes to the half holding {favoured.Name}, but if that half ({string.Join(", ", half.Select(n => n.Name))}) fails instead of being cut off, the other half is left with {Leaves(lose)} and HA fences it too.";
    }
}
