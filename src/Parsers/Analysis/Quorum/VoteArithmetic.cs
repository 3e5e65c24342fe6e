using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.Quorum;

/// <summary>
/// votequorum's numbers for a configuration, exactly as votequorum_readconfig and recalculate_quorum derive them
/// (votequorum.c of corosync 3.1.7; reference/corosync-quorum.md §2):
/// <list type="bullet">
/// <item>expected votes at start-up: <c>quorum.expected_votes</c> if set, else the sum of the nodelist's votes; with a
/// QDevice whose <c>votes</c> is unset (and no expected_votes, every node one vote) the device gets N-1 votes and
/// expected votes become 2N-1; expected_votes_tracking (implied by allow_downscale) replaces the configured
/// expected_votes with its stored barrier, which is 0 on a fresh node;</item>
/// <item>expected votes once every node has been a member: never below the votes present, so an explicit
/// <c>device.votes</c> lifts them to nodelist votes + device votes (the runtime N+1 rise);</item>
/// <item>quorum: floor(EV/2)+1, forced to 1 by two_node while at most two nodes (a casting QDevice counts as one)
/// are members.</item>
/// </list>
/// It also lists what votequorum refuses at start-up (<see cref="Refusals"/>: corosync stops) and what it silently
/// changes (<see cref="Adjustments"/>), and the options in effect after those changes.
/// </summary>
public sealed record VoteArithmetic(
    VoteConfig Config,
    int NodeCount,
    int NodelistVotes,
    int QDeviceVotes,
    bool QDeviceVotesAutomatic,
    int StartupExpectedVotes,
    int ExpectedVotes,
    bool TwoNode,
    bool WaitForAll,
    AutoTieBreaker AutoTieBreaker,
    bool LastManStanding,
    bool ExpectedVotesTracking,
    ImmutableArray<VotequorumRefusal> Refusals,
    ImmutableArray<VotequorumAdjustmentKind> Adjustments)
{
    /// <summary>floor(EV/2)+1: the votes a partition needs (calculate_quorum's q1).</summary>
    public static int QuorumFor(int expectedVotes) => expectedVotes / 2 + 1;

    /// <summary>The quorum with every node up: floor(EV/2)+1, or 1 under two_node with at most two nodes.</summary>
    public int Quorum => TwoNode && NodeCount + (QDeviceVotes > 0 ? 1 : 0) <= 2 ? 1 : QuorumFor(ExpectedVotes);

    /// <summary>Votes present with every node up and the QDevice voting.</summary>
    public int TotalVotes => NodelistVotes + QDeviceVotes;

    public bool HasQDevice => Config.QDevice is not null;

    /// <summary>True when votequorum runs on this configuration (it is the provider and nothing is refused).</summary>
    public bool Runs => Config.Provider == VoteConfig.Votequorum && Refusals.IsEmpty;

    /// <summary>"4 votes (4 nodes x 1), expected 4, quorum 3" or with a QDevice "5 votes (4 nodes + QDevice 1), ...".</summary>
    public string Describe()
    {
        var parts = HasQDevice ? $"{NodelistVotes} from {NodeCount} nodes + QDevice {QDeviceVotes}" : $"{NodeCount} nodes";
        return $"{TotalVotes} votes ({parts}), expected votes {ExpectedVotes}, quorum {Quorum}";
    }

    public static VoteArithmetic? Of(CorosyncModel? corosync) => VoteConfig.From(corosync) is { } c ? Of(c) : null;

    // The simulation asks once per scenario, the quorum rules once each: the arithmetic of a configuration is computed once.
    private static readonly OncePer<VoteConfig, VoteArithmetic> Computed = new(Compute);

    public static VoteArithmetic Of(VoteConfig config) => Computed.Of(config);

    private static VoteArithmetic Compute(VoteConfig config)
    {
        var refusals = ImmutableArray.CreateBuilder<VotequorumRefusal>();
        var adjustments = ImmutableArray.CreateBuilder<VotequorumAdjustmentKind>();
        void Refuse(VotequorumRefusalKind kind) => refusals.Add(new VotequorumRefusal(kind));

        var nodeCount = config.Nodes.Length;
        var nodelistVotes = config.Nodes.Sum(n => (long)n.Votes) is var sum && sum > int.MaxValue ? int.MaxValue : (int)sum;
        var haveNodelist = nodeCount > 0;
        var expected = config.ExpectedVotes ?? 0;
        var haveQdevice = config.QDevice is not null;
        var deviceVotes = config.QDevice?.Votes;

        if (!haveNodelist && expected == 0) Refuse(VotequorumRefusalKind.NoNodelistNorExpectedVotes);
        if (config.TwoNode && haveQdevice) Refuse(VotequorumRefusalKind.TwoNodeWithQDevice);

        var evTracking = config.ExpectedVotesTracking || config.AllowDownscale;
        if (config.AllowDownscale && !config.ExpectedVotesTracking) adjustments.Add(VotequorumAdjustmentKind.ExpectedVotesTrackingImpliedByAllowDownscale);

        var atb = AutoTieBreaker.Parse(config.AutoTieBreaker, config.AutoTieBreakerNode);
        if (config.AutoTieBreaker && atb.Mode == TieBreakerMode.None) adjustments.Add(VotequorumAdjustmentKind.AutoTieBreakerNodeInvalid);
        if (!config.AutoTieBreaker && config.AutoTieBreakerNode is not null) adjustments.Add(VotequorumAdjustmentKind.AutoTieBreakerNodeIgnored);

        // The order is votequorum_readconfig's: wait_for_all follows the configured two_node before ATB may drop it.
        var waitForAll = config.WaitForAll ?? config.TwoNode;
        if (config.WaitForAll is null && config.TwoNode) adjustments.Add(VotequorumAdjustmentKind.WaitForAllImpliedByTwoNode);
        var twoNode = config.TwoNode;
        if (twoNode && atb.Mode != TieBreakerMode.None)
        {
            twoNode = false;
            adjustments.Add(VotequorumAdjustmentKind.TwoNodeDisabledByAutoTieBreaker);
        }
        if (atb.Mode != TieBreakerMode.None && nodelistVotes % 2 == 1 && !waitForAll)
        {
            if (config.LastManStanding) Refuse(VotequorumRefusalKind.AutoTieBreakerWithLastManStandingOnOddVotes);
            else adjustments.Add(VotequorumAdjustmentKind.AutoTieBreakerDisabledOnOddVotes);
            atb = AutoTieBreaker.Off;
        }
        if (haveQdevice && config.LastManStanding) Refuse(VotequorumRefusalKind.QDeviceWithLastManStanding);
        if (haveQdevice && atb.Mode != TieBreakerMode.None) Refuse(VotequorumRefusalKind.QDeviceWithAutoTieBreaker);
        if (haveQdevice && config.AllowDownscale) Refuse(VotequorumRefusalKind.QDeviceWithAllowDownscale);
        if (haveQdevice && deviceVotes is null && expected > 0) Refuse(VotequorumRefusalKind.QDeviceVotesNeededWithExpectedVotes);
        if (haveQdevice && deviceVotes is null && haveNodelist && nodelistVotes != nodeCount) Refuse(VotequorumRefusalKind.QDeviceVotesNeededWithUnequalVotes);
        // C arithmetic: uint32 expected_votes - qdevice_votes assigned to an int.
        if (deviceVotes is > 0 && expected > 0 && unchecked((int)((uint)expected - (uint)deviceVotes.Value)) < 2) Refuse(VotequorumRefusalKind.QDeviceVotesTooHigh);

        var nodeExpected = nodelistVotes;
        var qdeviceVotes = haveQdevice ? deviceVotes ?? 0 : 0;
        var automatic = haveQdevice && deviceVotes is null && expected == 0 && haveNodelist && nodeCount == nodelistVotes;
        if (automatic)
        {
            qdeviceVotes = nodelistVotes - 1;
            nodeExpected += qdeviceVotes;
        }
        // expected_votes_tracking replaces expected_votes with the stored barrier: 0 on a node that never ran.
        var startup = !evTracking && expected > 0 ? expected : nodeExpected;
        var lms = config.LastManStanding;
        if (lms && config.Nodes.Any(n => n.Votes > 1))
        {
            lms = false;
            adjustments.Add(VotequorumAdjustmentKind.LastManStandingDisabledByVotes);
        }
        var steady = Math.Max(startup, nodelistVotes + qdeviceVotes);

        return new VoteArithmetic(config, nodeCount, nodelistVotes, qdeviceVotes, automatic, startup, steady,
            twoNode, waitForAll, atb, lms, evTracking, refusals.ToImmutable(), adjustments.ToImmutable());
    }
}
