using PveLint.Analysis.Quorum;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using static PveLint.Rules.Quorum.QuorumPhrases;

namespace PveLint.Rules.Quorum;

/// <summary>PVE1008: quorum.expected_votes differs from the nodes' votes plus the QDevice's.</summary>
public sealed class ExpectedVotesMismatch : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE1008", "expected-votes-mismatch",
        "expected_votes that differs from the votes the cluster has",
        Severity.Warning, RuleCategory.Corosync,
        "quorum.expected_votes replaces the sum of the node votes in votequorum's threshold floor(EV/2)+1. Set higher, the cluster needs more votes than exist and fails sooner; set lower, a minority is quorate at a cold start until all nodes have been seen (only then does votequorum raise expected votes to the votes present).",
        "Remove expected_votes from the quorum section (votequorum then uses the nodelist's votes, plus the QDevice's), or set it to exactly that sum.",
        "quorum");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Corosync?.Quorum.ExpectedVotes is not { Value: > 0 } expected || VoteArithmetic.Of(model.Corosync) is not { } a) yield break;
        // A refusal about expected_votes itself (device votes) is PVE0003/PVE0007's finding.
        if (a.Refusals.Any(r => r.Kind is VotequorumRefusalKind.QDeviceVotesNeededWithExpectedVotes or VotequorumRefusalKind.QDeviceVotesTooHigh)) yield break;
        var present = a.TotalVotes;
        if (expected.Value == present) yield break;
        var what = a.HasQDevice ? $"the {a.NodeCount} nodes' {Votes(a.NodelistVotes)} and the QDevice's {a.QDeviceVotes}" : $"the {a.NodeCount} nodes' {Votes(a.NodelistVotes)}";
        string effect;
        if (a.ExpectedVotesTracking)
            effect = "expected_votes_tracking (or allow_downscale) replaces it with the stored expected votes, so it has no effect at all";
        else if (expected.Value > present)
        {
            var quorum = VoteArithmetic.QuorumFor(expected.Value);
            var spare = present - quorum;
            effect = spare < 0
                ? $"quorum is {quorum}, more than the {present} votes that exist: the cluster is never quorate"
                : $"quorum is {quorum} instead of {VoteArithmetic.QuorumFor(present)}, so the cluster survives the loss of {Votes(spare)} instead of {Votes(present - VoteArithmetic.QuorumFor(present))}";
        }
        else
        {
            effect = $"at a cold start quorum is {VoteArithmetic.QuorumFor(expected.Value)} instead of {VoteArithmetic.QuorumFor(present)}, so a minority of the votes is quorate until every node has been seen (votequorum then raises expected votes to {present})";
        }
        yield return Report(expected.Span, $"quorum.expected_votes is {expected.Value}, but {what} make {present}: {effect}.");
    }
}
