using PveLint.Analysis.Quorum;
using PveLint.Parsers.Tests.Corosync;

namespace PveLint.Parsers.Tests.Analysis.Quorum;

/// <summary>votequorum_readconfig's numbers, refusals and silent adjustments (reference/corosync-quorum.md §1.3, §1.4, §2.1).</summary>
public class VoteArithmeticTests
{
    private static VoteConfig Nodes(params int[] votes) =>
        VoteConfig.Plain(votes.Select((v, i) => new VoteNode($"pve{i + 1}", i + 1, v)));

    private static readonly QDeviceSettings Unset = new(null, "lms", "lowest", "10.9.0.5");

    [Fact]
    public void Expected_votes_come_from_the_nodelist_or_the_override()
    {
        var plain = VoteArithmetic.Of(Nodes(1, 1, 1, 1));
        Assert.Equal((4, 4, 4, 3), (plain.NodelistVotes, plain.StartupExpectedVotes, plain.ExpectedVotes, plain.Quorum));
        var higher = VoteArithmetic.Of(Nodes(1, 1, 1, 1) with { ExpectedVotes = 6 });
        Assert.Equal((6, 6, 4), (higher.StartupExpectedVotes, higher.ExpectedVotes, higher.Quorum));
        // Lower than the votes present: expected votes rise to them once all nodes were members.
        var lower = VoteArithmetic.Of(Nodes(1, 1, 1, 1) with { ExpectedVotes = 2 });
        Assert.Equal((2, 4, 3), (lower.StartupExpectedVotes, lower.ExpectedVotes, lower.Quorum));
    }

    [Fact]
    public void QDevice_votes_are_n_minus_one_when_unset_and_rise_to_n_plus_votes_when_explicit()
    {
        var automatic = VoteArithmetic.Of(Nodes(1, 1, 1) with { QDevice = Unset });
        Assert.Equal((2, true, 5, 5, 3), (automatic.QDeviceVotes, automatic.QDeviceVotesAutomatic, automatic.StartupExpectedVotes, automatic.ExpectedVotes, automatic.Quorum));
        var explicitVotes = VoteArithmetic.Of(Nodes(1, 1, 1, 1) with { QDevice = Unset with { Votes = 1 } });
        Assert.Equal((1, false, 4, 5, 3), (explicitVotes.QDeviceVotes, explicitVotes.QDeviceVotesAutomatic, explicitVotes.StartupExpectedVotes, explicitVotes.ExpectedVotes, explicitVotes.Quorum));
        Assert.Equal("5 votes (4 from 4 nodes + QDevice 1), expected votes 5, quorum 3", explicitVotes.Describe());
    }

    [Fact]
    public void Two_node_forces_quorum_one_and_implies_wait_for_all()
    {
        var a = VoteArithmetic.Of(Nodes(1, 1) with { TwoNode = true });
        Assert.Equal((1, true), (a.Quorum, a.WaitForAll));
        Assert.Contains(VotequorumAdjustmentKind.WaitForAllImpliedByTwoNode, a.Adjustments);
        Assert.False(VoteArithmetic.Of(Nodes(1, 1) with { TwoNode = true, WaitForAll = false }).WaitForAll);
        Assert.Equal(2, VoteArithmetic.Of(Nodes(1, 1, 1) with { TwoNode = true }).Quorum);
    }

    [Fact]
    public void Auto_tie_breaker_is_adjusted_as_votequorum_does()
    {
        var odd = VoteArithmetic.Of(Nodes(1, 1, 1) with { AutoTieBreaker = true });
        Assert.Equal(TieBreakerMode.None, odd.AutoTieBreaker.Mode);
        Assert.Contains(VotequorumAdjustmentKind.AutoTieBreakerDisabledOnOddVotes, odd.Adjustments);
        Assert.Equal(TieBreakerMode.Lowest, VoteArithmetic.Of(Nodes(1, 1, 1) with { AutoTieBreaker = true, WaitForAll = true }).AutoTieBreaker.Mode);

        var withTwoNode = VoteArithmetic.Of(Nodes(1, 1) with { AutoTieBreaker = true, TwoNode = true });
        Assert.False(withTwoNode.TwoNode);
        Assert.True(withTwoNode.WaitForAll);   // wait_for_all followed two_node before ATB dropped it
        Assert.Equal(TieBreakerMode.None, VoteArithmetic.Of(Nodes(1, 1) with { AutoTieBreaker = true, AutoTieBreakerNode = "first" }).AutoTieBreaker.Mode);
        Assert.Equal([3, 1], VoteArithmetic.Of(Nodes(1, 1, 1, 1) with { AutoTieBreaker = true, AutoTieBreakerNode = "3 1 x 2" }).AutoTieBreaker.NodeIds.ToArray());
    }

    [Theory]
    [InlineData("  two_node: 1\n", VotequorumRefusalKind.TwoNodeWithQDevice)]
    [InlineData("  last_man_standing: 1\n", VotequorumRefusalKind.QDeviceWithLastManStanding)]
    [InlineData("  allow_downscale: 1\n", VotequorumRefusalKind.QDeviceWithAllowDownscale)]
    [InlineData("  expected_votes: 7\n", VotequorumRefusalKind.QDeviceVotesNeededWithExpectedVotes)]
    public void Refusals_with_a_qdevice_are_the_ones_votequorum_logs(string option, VotequorumRefusalKind kind)
    {
        var text = "totem {\n  version: 2\n  cluster_name: t\n}\nnodelist {\n  node {\n    name: a\n    nodeid: 1\n    ring0_addr: 10.0.0.1\n  }\n  node {\n    name: b\n    nodeid: 2\n    ring0_addr: 10.0.0.2\n  }\n}\n" +
                   $"quorum {{\n  provider: corosync_votequorum\n{option}  device {{\n    model: net\n    net {{\n      host: 10.9.0.5\n    }}\n  }}\n}}\n";
        var a = VoteArithmetic.Of(CorosyncRead.Of(text).Model)!;
        Assert.Equal(kind, a.Refusals[0].Kind);
        Assert.False(a.Runs);
        Assert.StartsWith("votequorum refuses this configuration", QuorumEvaluator.WhyNotEvaluable(a));
    }

    [Fact]
    public void Expected_votes_tracking_ignores_the_configured_expected_votes_on_a_fresh_node()
    {
        var a = VoteArithmetic.Of(Nodes(1, 1, 1) with { ExpectedVotes = 5, AllowDownscale = true });
        Assert.True(a.ExpectedVotesTracking);
        Assert.Equal(3, a.StartupExpectedVotes);
        Assert.Contains(VotequorumAdjustmentKind.ExpectedVotesTrackingImpliedByAllowDownscale, a.Adjustments);
    }
}
