using System.Collections.Immutable;
using PveLint.Analysis.Quorum;

namespace PveLint.Parsers.Tests.Analysis.Quorum;

/// <summary>
/// The worked examples of reference/corosync-quorum.md §5, most of them observed on real corosync 3.1.7 with the
/// netns harness (RUN demos), as per-partition verdicts of the evaluator.
/// </summary>
public class QuorumEvaluatorTests
{
    private static VoteConfig Nodes(int count, QDeviceSettings? qdevice = null) =>
        VoteConfig.Plain(Enumerable.Range(1, count).Select(i => new VoteNode($"pve{i}", i, 1)), qdevice);

    private static Partition P(params int[] ids) => Partition.Of(ids.Select(i => $"pve{i}").ToArray());

    private static Partition NoQnetd(params int[] ids) => Partition.Of(ids.Select(i => $"pve{i}"), reachesQDevice: false);

    private static readonly QDeviceSettings FfSplit = new(1, "ffsplit", "lowest", "10.9.0.250");
    private static readonly QDeviceSettings Lms = new(null, "lms", "lowest", "10.9.0.250");

    private static bool[] Quorate(QuorumOutcome outcome) => outcome.Partitions.Select(p => p.IsQuorate).ToArray();

    [Fact] // A
    public void Two_nodes_lose_quorum_with_one_down()
    {
        var outcome = QuorumEvaluator.Evaluate(Nodes(2), [P(1)]);
        Assert.Equal([false], Quorate(outcome));
        Assert.Equal((1, 2, 2), (outcome.Partitions[0].TotalVotes, outcome.Partitions[0].ExpectedVotes, outcome.Partitions[0].Quorum));
        Assert.Equal("inquorate: 1 of 2 expected votes, quorum 2", outcome.Partitions[0].Explanation);
    }

    [Fact] // B, demo 04/05
    public void Two_node_keeps_the_survivor_and_both_halves_of_a_split()
    {
        var config = Nodes(2) with { TwoNode = true };
        Assert.Equal([true], Quorate(QuorumEvaluator.Evaluate(config, [P(1)])));
        var split = QuorumEvaluator.Evaluate(config, [P(1), P(2)]);
        Assert.Equal([true, true], Quorate(split));
        Assert.True(split.Steps[0].SplitBrain);
        Assert.Contains("two_node forces quorum 1", split.Partitions[0].Explanation);
        Assert.Equal(1, split.Partitions[0].Quorum);
    }

    [Fact] // B, demo 05: wait_for_all at a cold start (implied by two_node)
    public void Two_node_cold_start_with_one_node_waits_for_all()
    {
        var config = Nodes(2) with { TwoNode = true };
        var outcome = QuorumEvaluator.EvaluateSequence(config, [MembershipStep.Of(P(1))]);
        Assert.True(outcome.SteadyState.Partitions[0].IsQuorate);
        Assert.Equal([true], Quorate(outcome));
    }

    [Fact] // C, demo 10
    public void Two_nodes_with_a_qdevice_give_the_split_to_the_tie_breaker_node()
    {
        var outcome = QuorumEvaluator.Evaluate(Nodes(2, FfSplit), [P(1), P(2)]);
        Assert.Equal([true, false], Quorate(outcome));
        Assert.Equal((2, 3, 2), (outcome.Partitions[0].TotalVotes, outcome.Partitions[0].ExpectedVotes, outcome.Partitions[0].Quorum));
        Assert.Contains("tie_breaker node 1 (pve1)", outcome.Partitions[0].Explanation);
    }

    [Theory] // D, demo 01
    [InlineData(new[] { 1, 2 }, true)]
    [InlineData(new[] { 1 }, false)]
    public void Three_nodes_survive_one_loss_not_two(int[] up, bool quorate) =>
        Assert.Equal([quorate], Quorate(QuorumEvaluator.Evaluate(Nodes(3), [P(up)])));

    [Fact] // E, demo 02
    public void Four_nodes_split_two_two_lose_quorum_on_both_sides()
    {
        var outcome = QuorumEvaluator.Evaluate(Nodes(4), [P(1, 2), P(3, 4)]);
        Assert.Equal([false, false], Quorate(outcome));
        Assert.Equal("inquorate: 2 of 4 expected votes, quorum 3", outcome.Partitions[1].Explanation);
    }

    [Fact] // F, demo 03
    public void Four_nodes_with_ffsplit_qdevice()
    {
        var config = Nodes(4, FfSplit);
        var arithmetic = VoteArithmetic.Of(config);
        Assert.Equal((4, 5, 3, 1), (arithmetic.StartupExpectedVotes, arithmetic.ExpectedVotes, arithmetic.Quorum, arithmetic.QDeviceVotes));

        var split = QuorumEvaluator.Evaluate(config, [P(1, 2), P(3, 4)]);
        Assert.Equal([true, false], Quorate(split));
        Assert.Equal(3, split.Partitions[0].TotalVotes);
        Assert.Equal(2, split.Partitions[1].TotalVotes);

        Assert.Equal([true], Quorate(QuorumEvaluator.Evaluate(config, [P(1, 2)])));              // a site lost
        Assert.Equal([false], Quorate(QuorumEvaluator.Evaluate(config, [NoQnetd(1, 2)])));       // ... and qnetd with it
        Assert.Equal([false], Quorate(QuorumEvaluator.Evaluate(config, [P(1)])));               // three die: M=1 < 2
    }

    [Fact] // G, demo 08
    public void Auto_tie_breaker_lowest_gives_the_half_with_node_one()
    {
        var config = Nodes(4) with { AutoTieBreaker = true };
        Assert.Equal([true, false], Quorate(QuorumEvaluator.Evaluate(config, [P(1, 2), P(3, 4)])));
        var diagonal = QuorumEvaluator.Evaluate(config, [P(1, 3), P(2, 4)]);
        Assert.Equal([true, false], Quorate(diagonal));
        Assert.Contains("quorate by auto_tie_breaker (lowest nodeid)", diagonal.Partitions[0].Explanation);
        // The half holding node 1 lost: ATB cannot tell a dead site from a cut link.
        Assert.Equal([false], Quorate(QuorumEvaluator.Evaluate(config, [P(3, 4)])));
    }

    [Fact] // H, demo 06
    public void Five_nodes_three_two()
    {
        Assert.Equal([true, false], Quorate(QuorumEvaluator.Evaluate(Nodes(5), [P(1, 2, 3), P(4, 5)])));
        Assert.Equal([false], Quorate(QuorumEvaluator.Evaluate(Nodes(5), [P(4, 5)])));
    }

    [Fact] // I, demo 07
    public void Three_nodes_with_lms_qdevice_keep_the_last_man_but_not_without_qnetd()
    {
        var config = Nodes(3, Lms);
        var arithmetic = VoteArithmetic.Of(config);
        Assert.Equal((2, true, 5, 3), (arithmetic.QDeviceVotes, arithmetic.QDeviceVotesAutomatic, arithmetic.ExpectedVotes, arithmetic.Quorum));
        Assert.Equal([true], Quorate(QuorumEvaluator.Evaluate(config, [P(1)])));
        var noQnetd = QuorumEvaluator.EvaluateSequence(config, [MembershipStep.Of(NoQnetd(1, 2, 3)), MembershipStep.Of(NoQnetd(1, 2))]);
        Assert.Equal([false], Quorate(noQnetd));
        Assert.Equal(2, noQnetd.Partitions[0].TotalVotes);
    }

    [Fact] // qdevice-netns scenarios 17 and 22
    public void Lms_leaves_the_vote_with_a_node_whose_membership_did_not_change()
    {
        // Node 1 holds the vote alone; nodes 2 and 3 come back in a partition of their own. qnetd runs lms only for
        // the clients that report a new membership, so the larger partition gets NACK as newcomers and keeps it
        // even after node 1 dies (their membership does not change).
        var config = Nodes(3, Lms);
        var outcome = QuorumEvaluator.EvaluateSequence(config, [MembershipStep.Of(P(1)), MembershipStep.Of(P(1), P(2, 3)), MembershipStep.Of(P(2, 3))]);
        Assert.Equal([true, false], outcome.Steps[1].Partitions.Select(p => p.IsQuorate));
        Assert.Equal((3, 2), (outcome.Steps[1].Partitions[0].TotalVotes, outcome.Steps[1].Partitions[1].TotalVotes));
        Assert.Contains("qnetd did not run lms again for 1 (pve1)", outcome.Steps[1].QDeviceDecision);
        Assert.Equal([false], Quorate(outcome));
    }

    [Fact] // qdevice-netns scenario 21
    public void Lms_with_wait_for_all_keeps_casting_after_losing_qnetd_until_the_membership_changes()
    {
        var config = Nodes(3, Lms) with { WaitForAll = true };
        var outcome = QuorumEvaluator.EvaluateSequence(config, [MembershipStep.Of(NoQnetd(1, 2, 3)), MembershipStep.Of(NoQnetd(1, 2))]);
        Assert.Equal((5, true), (outcome.Steps[0].Partitions[0].TotalVotes, outcome.Steps[0].Partitions[0].QDeviceVote));
        Assert.Contains("keep casting the vote without qnetd", outcome.Steps[0].Partitions[0].Explanation);
        Assert.Equal((2, false), (outcome.Steps[1].Partitions[0].TotalVotes, outcome.Steps[1].Partitions[0].IsQuorate));
        var ffsplit = QuorumEvaluator.Evaluate(Nodes(4, FfSplit) with { WaitForAll = true }, [NoQnetd(1, 2, 3, 4)]);
        Assert.Equal(4, ffsplit.Partitions[0].TotalVotes);   // ffsplit always votes NACK once disconnected
    }

    [Fact] // K
    public void Five_nodes_with_ffsplit_give_the_vote_to_the_majority()
    {
        var config = Nodes(5, FfSplit);
        var split = QuorumEvaluator.Evaluate(config, [P(1, 2, 3), P(4, 5)]);
        Assert.Equal([true, false], Quorate(split));
        Assert.Equal(4, split.Partitions[0].TotalVotes);
        Assert.Equal([false], Quorate(QuorumEvaluator.Evaluate(config, [NoQnetd(1, 2, 3)])));
    }

    [Fact] // L, demo 09 and 14
    public void Two_node_on_three_nodes_is_split_brain()
    {
        var config = Nodes(3) with { TwoNode = true };
        Assert.Equal([true, true], Quorate(QuorumEvaluator.Evaluate(config, [P(1), P(2, 3)])));
        var later = QuorumEvaluator.EvaluateSequence(config, [MembershipStep.Of(P(1, 2)), MembershipStep.Of(P(1), P(2))]);
        Assert.Equal([true, true], Quorate(later));
    }

    [Fact] // M, demo 12
    public void Wait_for_all_re_arms_after_quorum_loss()
    {
        var config = Nodes(3) with { WaitForAll = true };
        var steps = new[] { MembershipStep.Of(P(1, 2)), MembershipStep.Of(P(1)), MembershipStep.Of(P(1, 2)), MembershipStep.Of(P(1, 2, 3)) };
        var outcome = QuorumEvaluator.EvaluateSequence(config, steps);
        Assert.Equal([true, false, false, true], outcome.Steps.Select(s => s.Partitions[0].IsQuorate).ToArray());
        Assert.Contains("wait_for_all", outcome.Steps[2].Partitions[0].Explanation);
    }

    [Fact] // N, demo 13: cold start with half of the nodes (EV 4 before all were seen)
    public void Four_nodes_with_qdevice_cold_start_with_half_is_quorate()
    {
        var config = Nodes(4, FfSplit);
        var arithmetic = VoteArithmetic.Of(config);
        Assert.Equal(4, arithmetic.StartupExpectedVotes);
    }

    [Fact] // O, demo 11
    public void Last_man_standing_lowers_expected_votes_after_the_window()
    {
        var config = Nodes(4) with { LastManStanding = true, WaitForAll = true };
        var steps = new[] { MembershipStep.Of(P(1, 2, 3)), MembershipStep.Of(P(1, 2)), MembershipStep.Of(P(1)) };
        var outcome = QuorumEvaluator.EvaluateSequence(config, steps);
        Assert.Equal([true, true, false], outcome.Steps.Select(s => s.Partitions[0].IsQuorate).ToArray());
        Assert.Contains("expected votes drop to 3 and quorum to 2", outcome.Steps[0].Partitions[0].Explanation);

        // Without the window passing in between, the second loss is fatal.
        var quick = QuorumEvaluator.EvaluateSequence(config, [new MembershipStep([P(1, 2, 3)], LastManStandingWindowElapses: false), MembershipStep.Of(P(1, 2))]);
        Assert.False(quick.Partitions[0].IsQuorate);
    }

    [Fact]
    public void A_refused_configuration_is_undecidable()
    {
        var outcome = QuorumEvaluator.Evaluate(Nodes(2, FfSplit) with { TwoNode = true }, [P(1)]);
        Assert.Equal(QuorumState.Undecidable, outcome.Partitions[0].State);
        Assert.StartsWith("undecidable: votequorum refuses this configuration", outcome.Partitions[0].Explanation);
    }

    [Fact]
    public void Ffsplit_majority_wins_and_a_tie_without_the_tie_breaker_node_is_undecidable()
    {
        // 4 nodes + QDevice, node 1 is down and the rest split 2|1: M=2 is half, the only half wins.
        var config = Nodes(6, FfSplit);
        var outcome = QuorumEvaluator.Evaluate(config, [P(2, 3, 4), P(5, 6)]);
        Assert.Equal([true, false], Quorate(outcome));
        var tie = QuorumEvaluator.EvaluateSequence(config, [MembershipStep.Of(P(2, 3, 4, 5, 6)), MembershipStep.Of(P(2, 3, 4), P(5, 6))]);
        Assert.Equal([true, false], Quorate(tie));
        // Both halves of a 50:50 split always hold every configured node, so only a tie_breaker nodeid outside the
        // nodelist leaves the choice to the order in which qnetd's clients connected.
        var undecidable = QuorumEvaluator.Evaluate(Nodes(4, FfSplit with { TieBreaker = "9" }), [P(1, 2), P(3, 4)]);
        Assert.All(undecidable.Partitions, p => Assert.Equal(QuorumState.Undecidable, p.State));
        Assert.Contains("is in neither half", undecidable.Partitions[0].Explanation);
    }

    [Fact]
    public void Partitions_naming_unknown_or_repeated_nodes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => QuorumEvaluator.Evaluate(Nodes(3), [Partition.Of("nope")]));
        Assert.Throws<ArgumentException>(() => QuorumEvaluator.Evaluate(Nodes(3), [P(1), P(1, 2)]));
    }
}
