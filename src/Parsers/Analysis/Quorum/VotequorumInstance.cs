namespace PveLint.Analysis.Quorum;

/// <summary>
/// One node's votequorum, ported function by function from exec/votequorum.c of corosync 3.1.7 (the names in the
/// comments are the C functions): the node table, expected votes, the threshold, wait_for_all, last_man_standing,
/// auto_tie_breaker, expected_votes_tracking and the QDevice vote. Not ported: graceful leave (the LEAVING flag),
/// <c>corosync-quorumtool -e</c>, master_wins, configuration reloads and the library notifications.
/// Messages go out through <see cref="Send"/>; the caller (<see cref="VotequorumCluster"/>) delivers them in one
/// order to every member of the partition, as totem's agreed ordering does.
/// </summary>
internal sealed class VotequorumInstance
{
    [Flags]
    public enum NodeFlags : uint
    {
        None = 0,
        Quorate = 1,
        Leaving = 2,
        WaitForAllStatus = 4,
        First = 8,
        QDeviceRegistered = 16,
        QDeviceAlive = 32,
        QDeviceCastVote = 64,
    }

    private enum NodeState { Member = 1, Dead, Leaving }

    /// <summary>
    /// Running totals over the MEMBER entries of the node table, kept up to date by <see cref="NodeEntry"/>'s setters,
    /// so each recalculation is O(log n) instead of votequorum.c's walk of the list (same results, and a 64-node
    /// sync no longer costs n³).
    /// </summary>
    private sealed class MemberTotals
    {
        public uint Votes;
        public uint Count;
        public readonly SortedSet<(uint Expected, int NodeId)> Expected = new();
        public readonly SortedSet<int> Ids = new();

        public uint HighestExpected => Expected.Count == 0 ? 0 : Expected.Max.Expected;
    }

    private sealed class NodeEntry(int nodeId, MemberTotals? totals)
    {
        public readonly int NodeId = nodeId;
        private NodeState _state;
        private uint _votes;
        private uint _expectedVotes;
        public NodeFlags Flags;

        public NodeState State { get => _state; set => Update(value, _votes, _expectedVotes); }

        public uint Votes { get => _votes; set => Update(_state, value, _expectedVotes); }

        public uint ExpectedVotes { get => _expectedVotes; set => Update(_state, _votes, value); }

        private void Update(NodeState state, uint votes, uint expectedVotes)
        {
            if (totals is not null && _state == NodeState.Member)
            {
                totals.Votes -= _votes;
                totals.Count--;
                totals.Expected.Remove((_expectedVotes, NodeId));
                totals.Ids.Remove(NodeId);
            }
            (_state, _votes, _expectedVotes) = (state, votes, expectedVotes);
            if (totals is not null && _state == NodeState.Member)
            {
                totals.Votes += _votes;
                totals.Count++;
                totals.Expected.Add((_expectedVotes, NodeId));
                totals.Ids.Add(NodeId);
            }
        }
    }

    /// <summary>A nodeinfo message (req_exec_quorum_nodeinfo); <see cref="NodeId"/> 0 is the QDevice.</summary>
    public readonly record struct NodeInfo(int Sender, int NodeId, uint Votes, uint ExpectedVotes, NodeFlags Flags);

    public const int QDeviceNodeId = 0;

    private readonly VoteArithmetic _arithmetic;
    private readonly SortedDictionary<int, NodeEntry> _nodes = new();   // cluster_members_list, ordered by nodeid
    private readonly MemberTotals _members = new();
    private readonly NodeEntry _us;
    private readonly NodeEntry _qdevice = new(QDeviceNodeId, null);

    private byte _quorum;                 // uint8_t in votequorum.c
    private bool _clusterIsQuorate;
    private readonly bool _twoNode;
    private readonly bool _waitForAll;
    private bool _waitForAllStatus;
    private readonly AutoTieBreaker _atb;
    private bool _lastManStanding;
    private readonly uint _lastManStandingWindow;
    private readonly bool _allowDownscale;
    private readonly bool _evTracking;
    private uint _evTrackingBarrier;
    private uint _evBarrier;
    private int _lowestNodeId = -1;
    private int _highestNodeId = -1;
    private int[] _quorumMembers = [];
    private int[] _previousQuorumMembers = [];
    private bool _syncInProgress;

    public VotequorumInstance(VoteArithmetic arithmetic, int nodeId, Action<NodeInfo> send, uint evTrackingBarrier = 0)
    {
        _arithmetic = arithmetic;
        Send = send;
        NodeId = nodeId;
        // votequorum_exec_init_fn
        _us = Allocate(nodeId);
        _us.State = NodeState.Member;
        _us.Votes = 1;
        _us.Flags |= NodeFlags.First;

        // votequorum_readconfig(STARTUP); the refusals are checked by VoteArithmetic before a node is started.
        var config = arithmetic.Config;
        _twoNode = arithmetic.TwoNode;
        _waitForAll = arithmetic.WaitForAll;
        _atb = arithmetic.AutoTieBreaker;
        _lastManStanding = config.LastManStanding;   // LMS drops itself when it sees a node with more than one vote
        _lastManStandingWindow = (uint)Math.Max(0, config.LastManStandingWindowMs);
        _allowDownscale = config.AllowDownscale;
        _evTracking = arithmetic.ExpectedVotesTracking;
        if (_evTracking) _evTrackingBarrier = evTrackingBarrier;

        var own = config.Nodes.FirstOrDefault(n => n.NodeId == nodeId) ?? config.Nodes[0];  // vqsim: an unlisted node takes the first node's votes
        var nodeExpected = (uint)arithmetic.NodelistVotes + (arithmetic.QDeviceVotesAutomatic ? (uint)arithmetic.QDeviceVotes : 0);
        var expected = (uint)(config.ExpectedVotes ?? 0);
        if (_evTracking) expected = _evTrackingBarrier;
        _us.Votes = (uint)own.Votes;
        _us.ExpectedVotes = nodeExpected;
        if (expected != 0) _us.ExpectedVotes = expected;
        _qdevice.Votes = arithmetic.HasQDevice ? (uint)arithmetic.QDeviceVotes : 0;
        _evBarrier = _us.ExpectedVotes;
        if (_waitForAll) UpdateWaitForAllStatus(true);

        RecalculateQuorum(false, false);
        SendNodeInfo(NodeId);
    }

    public int NodeId { get; }

    public Action<NodeInfo> Send { get; }

    // ---- what the evaluator reads after a step ----

    public bool Quorate => _clusterIsQuorate;

    public uint ExpectedVotes => _us.ExpectedVotes;

    public uint Quorum => _quorum;

    public uint TotalVotes { get; private set; }

    /// <summary>The highest expected votes among the members, which the threshold uses.</summary>
    public uint HighestExpected { get; private set; }

    public bool CastsQDeviceVote => (_us.Flags & NodeFlags.QDeviceCastVote) != 0;

    public bool WaitingForAll { get; private set; }

    public bool QuorumForcedByTwoNode { get; private set; }

    public bool QuorateByTieBreaker { get; private set; }

    public bool LastManStandingTimerPending { get; private set; }

    public bool LastManStandingLoweredExpected { get; private set; }

    public int LowestNodeId => _lowestNodeId;

    public int HighestNodeId => _highestNodeId;

    public uint EvTrackingBarrier => _evTrackingBarrier;

    public IReadOnlyList<int> Members => _quorumMembers;

    // ---- node table ----

    private NodeEntry Allocate(int nodeId)
    {
        var node = new NodeEntry(nodeId, nodeId == QDeviceNodeId ? null : _members);
        if (nodeId != QDeviceNodeId) _nodes[nodeId] = node;
        return node;
    }

    private NodeEntry? Find(int nodeId) =>
        nodeId == _us.NodeId ? _us : nodeId == QDeviceNodeId ? _qdevice : _nodes.GetValueOrDefault(nodeId);

    private IEnumerable<NodeEntry> MemberEntries => _nodes.Values.Where(n => n.State == NodeState.Member);

    // ---- quorum calculation (calculate_quorum, are_we_quorate, get_total_votes, recalculate_quorum) ----

    private uint CalculateQuorum(bool allowDecrease, uint maxExpected, out uint totalVotes)
    {
        if (_allowDownscale && allowDecrease && maxExpected != 0) maxExpected = Math.Max(_evBarrier, maxExpected);
        uint total = _members.Votes, highest = _members.HighestExpected, totalNodes = _members.Count;
        if ((_us.Flags & NodeFlags.QDeviceCastVote) != 0)
        {
            total += _qdevice.Votes;
            totalNodes++;
        }
        if (maxExpected > 0) highest = maxExpected;
        HighestExpected = highest;
        var q1 = (highest + 2) / 2;
        var q2 = (total + 2) / 2;
        var newQuorum = Math.Max(q1, q2);
        if (!allowDecrease) newQuorum = Math.Max(_quorum, newQuorum);
        QuorumForcedByTwoNode = _twoNode && totalNodes <= 2;
        if (QuorumForcedByTwoNode) newQuorum = 1;
        totalVotes = total;
        return newQuorum;
    }

    private void AreWeQuorate(uint totalVotes)
    {
        TotalVotes = totalVotes;
        WaitingForAll = false;
        QuorateByTieBreaker = false;
        if (_waitForAll && _waitForAllStatus)
        {
            if (totalVotes != _us.ExpectedVotes)
            {
                WaitingForAll = true;   // "Waiting for all cluster members"; cluster_is_quorate is already 0 here
                return;
            }
            UpdateWaitForAllStatus(false);
        }

        bool quorate;
        if (_quorum > totalVotes)
        {
            quorate = false;
        }
        else
        {
            quorate = true;
            _lowestNodeId = LowestMember();
            _highestNodeId = HighestMember();
        }

        if (_atb.Mode != TieBreakerMode.None
            && totalVotes == _us.ExpectedVotes / 2
            && _previousQuorumMembers.Length - _quorumMembers.Length < _quorum
            && CheckAutoTieBreaker())
        {
            if (!quorate) QuorateByTieBreaker = true;
            quorate = true;
        }

        _clusterIsQuorate = quorate;
        if (quorate) _us.Flags |= NodeFlags.Quorate;
        else _us.Flags &= ~NodeFlags.Quorate;
        if (_waitForAll) UpdateWaitForAllStatus(!quorate);
    }

    private void GetTotalVotes(out uint totalVotes, out uint members)
    {
        totalVotes = _members.Votes;
        members = _members.Count;
        if (_qdevice.Votes != 0)
        {
            totalVotes += _qdevice.Votes;
            members++;
        }
    }

    private void RecalculateQuorum(bool allowDecrease, bool byCurrentNodes)
    {
        GetTotalVotes(out var totalVotes, out var members);
        if (!byCurrentNodes) members = 0;
        if (totalVotes > _us.ExpectedVotes) _us.ExpectedVotes = totalVotes;
        if (_evTracking && _us.ExpectedVotes > _evTrackingBarrier) _evTrackingBarrier = _us.ExpectedVotes;
        _quorum = (byte)CalculateQuorum(allowDecrease, members, out var total);
        UpdateNodeExpectedVotes(members);
        AreWeQuorate(total);
    }

    private void UpdateNodeExpectedVotes(uint expected)
    {
        if (expected == 0) return;
        foreach (var node in MemberEntries.ToList()) node.ExpectedVotes = expected;
    }

    private void UpdateWaitForAllStatus(bool status)
    {
        _waitForAllStatus = status;
        if (status) _us.Flags |= NodeFlags.WaitForAllStatus;
        else _us.Flags &= ~NodeFlags.WaitForAllStatus;
    }

    // ---- auto_tie_breaker (get_lowest_node_id, check_low_node_id_partition, check_auto_tie_breaker) ----

    private int LowestMember()
    {
        return _members.Ids.Count == 0 ? _us.NodeId : Math.Min(_us.NodeId, _members.Ids.Min);
    }

    private int HighestMember()
    {
        return _members.Ids.Count == 0 ? _us.NodeId : Math.Max(_us.NodeId, _members.Ids.Max);
    }

    private bool IsMember(int nodeId) => _nodes.TryGetValue(nodeId, out var node) && node.State == NodeState.Member;

    private bool CheckAutoTieBreaker()
    {
        switch (_atb.Mode)
        {
            case TieBreakerMode.Lowest: return IsMember(_lowestNodeId);
            case TieBreakerMode.Highest: return IsMember(_highestNodeId);
        }
        for (var i = 0; i < _atb.NodeIds.Length; i++)
        {
            if (!_quorumMembers.Contains(_atb.NodeIds[i])) continue;
            // An earlier listed node that was in the previous partition may be on the other side now.
            for (var j = 0; j < i; j++)
                if (_previousQuorumMembers.Contains(_atb.NodeIds[j])) return false;
            return true;
        }
        return false;
    }

    // ---- messages (votequorum_exec_send_nodeinfo, message_handler_req_exec_votequorum_nodeinfo) ----

    private void SendNodeInfo(int nodeId)
    {
        var node = Find(nodeId)!;
        Send(new NodeInfo(NodeId, nodeId, node.Votes, node.ExpectedVotes, node.Flags));
    }

    public void Receive(NodeInfo message)
    {
        var node = Find(message.NodeId);
        var newNode = node is null;
        node ??= Allocate(message.NodeId);
        var (oldVotes, oldExpected, oldState, oldFlags) = newNode
            ? (0u, 0u, NodeState.Dead, NodeFlags.None)
            : (node.Votes, node.ExpectedVotes, node.State, node.Flags);
        var allowDowngrade = false;
        var byNode = false;

        if (message.NodeId == QDeviceNodeId)
        {
            var sender = Find(message.Sender)!;
            node.Votes = !_clusterIsQuorate && (sender.Flags & NodeFlags.Quorate) != 0
                ? message.Votes
                : Math.Max(node.Votes, message.Votes);
        }
        else
        {
            node.Flags = message.Flags;
            node.Votes = message.Votes;
            node.State = NodeState.Member;
            if ((node.Flags & NodeFlags.Leaving) != 0)
            {
                node.State = NodeState.Leaving;
                allowDowngrade = true;
                byNode = true;
            }
            if (!_clusterIsQuorate && (node.Flags & NodeFlags.Quorate) != 0)
            {
                allowDowngrade = true;
                _us.ExpectedVotes = message.ExpectedVotes;
            }
            node.ExpectedVotes = (node.Flags & NodeFlags.Quorate) != 0 || _evTracking ? message.ExpectedVotes : _us.ExpectedVotes;
            if (_lastManStanding && node.Votes > 1)
            {
                _lastManStanding = false;   // "Last Man Standing feature is supported only when all cluster nodes votes are set to 1"
                LastManStandingTimerPending = false;
            }
        }

        if (newNode || message.NodeId == _us.NodeId || (node.Flags & NodeFlags.First) != 0 || oldVotes != node.Votes
            || oldExpected != node.ExpectedVotes || oldFlags != node.Flags || oldState != node.State)
            RecalculateQuorum(allowDowngrade, byNode);

        if (_waitForAll && (node.Flags & NodeFlags.WaitForAllStatus) == 0 && (node.Flags & NodeFlags.Quorate) != 0)
            UpdateWaitForAllStatus(false);
    }

    // ---- membership changes (votequorum_sync_init, _process, _activate) ----

    public void SyncInit(IReadOnlyList<int> members)
    {
        _syncInProgress = true;
        if (members.Count > 1) _us.Flags &= ~NodeFlags.First;
        var leftNodes = false;
        foreach (var id in _quorumMembers)
        {
            if (members.Contains(id)) continue;
            leftNodes = true;
            if (Find(id) is { } gone) gone.State = NodeState.Dead;
        }
        if (_lastManStanding
            && ((members.Count >= _quorum && leftNodes)
                || (members.Count <= _quorum && _atb.Mode != TieBreakerMode.None && IsMember(_lowestNodeId))))
            LastManStandingTimerPending = true;   // (re)started: fires last_man_standing_window ms from now
        _previousQuorumMembers = _quorumMembers;
        _quorumMembers = members.ToArray();
    }

    public void SyncProcess()
    {
        SendNodeInfo(NodeId);
        SendNodeInfo(QDeviceNodeId);
    }

    public void SyncActivate()
    {
        RecalculateQuorum(false, false);
        _syncInProgress = false;
    }

    public bool SyncInProgress => _syncInProgress;

    /// <summary>votequorum_last_man_standing_timer_fn: the window passed with no further membership change.</summary>
    public void LastManStandingWindowElapsed()
    {
        if (!LastManStandingTimerPending) return;
        LastManStandingTimerPending = false;
        if (!_clusterIsQuorate) return;
        var before = _us.ExpectedVotes;
        RecalculateQuorum(true, true);
        if (_us.ExpectedVotes < before) LastManStandingLoweredExpected = true;
    }

    /// <summary>message_handler_req_lib_votequorum_qdevice_poll: the local qdevice daemon registered and polled with qnetd's answer.</summary>
    public void QDevicePoll(bool castVote)
    {
        if (!_arithmetic.HasQDevice) return;
        var old = _us.Flags;
        _us.Flags |= NodeFlags.QDeviceRegistered | NodeFlags.QDeviceAlive;
        if (castVote) _us.Flags |= NodeFlags.QDeviceCastVote;
        else _us.Flags &= ~NodeFlags.QDeviceCastVote;
        if (_us.Flags != old) SendNodeInfo(NodeId);
    }
}
