namespace PveLint.Analysis.Quorum;

/// <summary>The start-up errors of votequorum_readconfig (votequorum.c; reference/corosync-quorum.md §1.3).</summary>
public enum VotequorumRefusalKind
{
    NoNodelistNorExpectedVotes,
    TwoNodeWithQDevice,
    AutoTieBreakerWithLastManStandingOnOddVotes,
    QDeviceWithLastManStanding,
    QDeviceWithAutoTieBreaker,
    QDeviceWithAllowDownscale,
    QDeviceVotesNeededWithExpectedVotes,
    QDeviceVotesNeededWithUnequalVotes,
    QDeviceVotesTooHigh,
}

/// <summary>A configuration votequorum refuses to load: corosync stops (exit 20) and the node never runs.</summary>
public sealed record VotequorumRefusal(VotequorumRefusalKind Kind)
{
    /// <summary>votequorum's own log text.</summary>
    public string UpstreamMessage => Kind switch
    {
        VotequorumRefusalKind.NoNodelistNorExpectedVotes => "configuration error: nodelist or quorum.expected_votes must be configured!",
        VotequorumRefusalKind.TwoNodeWithQDevice => "configuration error: two_node and quorum device cannot be configured at the same time!",
        VotequorumRefusalKind.AutoTieBreakerWithLastManStandingOnOddVotes => "configuration error: auto_tie_breaker & last_man_standing not available in odd sized cluster",
        VotequorumRefusalKind.QDeviceWithLastManStanding => "configuration error: quorum.device is not compatible with last_man_standing",
        VotequorumRefusalKind.QDeviceWithAutoTieBreaker => "configuration error: quorum.device is not compatible with auto_tie_breaker",
        VotequorumRefusalKind.QDeviceWithAllowDownscale => "configuration error: quorum.device is not compatible with allow_downscale",
        VotequorumRefusalKind.QDeviceVotesNeededWithExpectedVotes => "configuration error: quorum.device.votes must be specified when quorum.expected_votes is set",
        VotequorumRefusalKind.QDeviceVotesNeededWithUnequalVotes => "configuration error: quorum.device.votes must be specified when not all nodes votes 1",
        VotequorumRefusalKind.QDeviceVotesTooHigh => "configuration error: quorum.device.votes is too high or expected_votes is too low",
        _ => Kind.ToString(),
    };
}

/// <summary>What votequorum silently changes at start-up (reference/corosync-quorum.md §1.4).</summary>
public enum VotequorumAdjustmentKind
{
    /// <summary>wait_for_all is not set and two_node is: wait_for_all is on.</summary>
    WaitForAllImpliedByTwoNode,
    /// <summary>two_node and auto_tie_breaker: two_node is disabled.</summary>
    TwoNodeDisabledByAutoTieBreaker,
    /// <summary>auto_tie_breaker on an odd number of node votes without wait_for_all: auto_tie_breaker is disabled.</summary>
    AutoTieBreakerDisabledOnOddVotes,
    /// <summary>auto_tie_breaker_node is not 'lowest', 'highest' or a list of nodeids: auto_tie_breaker is disabled.</summary>
    AutoTieBreakerNodeInvalid,
    /// <summary>auto_tie_breaker_node without auto_tie_breaker: ignored.</summary>
    AutoTieBreakerNodeIgnored,
    /// <summary>last_man_standing with a node of more than one vote: disabled once that node is seen.</summary>
    LastManStandingDisabledByVotes,
    /// <summary>allow_downscale turns on expected_votes_tracking, which replaces quorum.expected_votes.</summary>
    ExpectedVotesTrackingImpliedByAllowDownscale,
}
