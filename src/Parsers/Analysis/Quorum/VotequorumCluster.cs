namespace PveLint.Analysis.Quorum;

/// <summary>
/// Runs one <see cref="VotequorumInstance"/> per running node and plays membership changes on them as corosync
/// does: when a partition's membership changes, every member runs sync_init, then every member's nodeinfo
/// messages are delivered to all members in one order (totem's agreed order; here the members in the given order),
/// then the QDevice polls with qnetd's answer, then every member runs sync_activate. A node that stops loses its
/// state; a node that starts boots alone (its own one-node ring) before it joins.
/// </summary>
internal sealed class VotequorumCluster(VoteArithmetic arithmetic, bool reverseMessageOrder = false)
{
    private readonly Dictionary<int, VotequorumInstance> _running = new();
    private readonly Dictionary<int, uint> _evTrackingBarriers = new();   // the ev_tracking file survives a restart
    private readonly Dictionary<int, int[]> _ringOf = new();
    private List<VotequorumInstance.NodeInfo>? _outbox;

    public VotequorumInstance? Node(int nodeId) => _running.GetValueOrDefault(nodeId);

    public IEnumerable<int> Running => _running.Keys;

    /// <summary>
    /// Moves the cluster to a new membership. Nodes in no partition stop; nodes not running start. A partition syncs
    /// when its membership differs from the ring its members were in, or always when <paramref name="resyncAll"/>.
    /// <paramref name="castVote"/> says, per running node, whether its qdevice daemon polls with a vote (null: no
    /// QDevice poll at all in this step). LMS windows that elapse are handled by <see cref="LastManStandingWindowElapses"/>.
    /// </summary>
    public void Change(IReadOnlyList<int[]> partitions, Func<int, bool>? castVote, bool resyncAll)
    {
        var up = partitions.SelectMany(p => p).ToHashSet();
        foreach (var id in _running.Keys.Where(id => !up.Contains(id)).ToList())
        {
            _evTrackingBarriers[id] = _running[id].EvTrackingBarrier;
            _running.Remove(id);
            _ringOf.Remove(id);
        }
        foreach (var id in up.Where(id => !_running.ContainsKey(id)).Order()) Boot(id);

        foreach (var partition in partitions)
        {
            var members = partition.ToArray();
            var changed = resyncAll || members.Any(id => !_ringOf.TryGetValue(id, out var ring) || !SameSet(ring, members));
            if (changed) Sync(members, castVote);
            else if (castVote is not null) Deliver(members, () => { foreach (var id in members) _running[id].QDevicePoll(castVote(id)); });
        }
    }

    /// <summary>The last_man_standing_window passes: every pending LMS timer fires.</summary>
    public void LastManStandingWindowElapses()
    {
        foreach (var node in _running.Values) node.LastManStandingWindowElapsed();
    }

    private void Boot(int id)
    {
        var startup = new List<VotequorumInstance.NodeInfo>();
        _outbox = startup;
        var node = new VotequorumInstance(arithmetic, id, Post, _evTrackingBarriers.GetValueOrDefault(id));
        _outbox = null;
        _running[id] = node;
        foreach (var message in startup) node.Receive(message);   // its start-up nodeinfo, in its own one-node ring
        _ringOf[id] = [id];
        node.SyncInit([id]);
        Deliver([id], node.SyncProcess);
        node.SyncActivate();
    }

    private void Sync(int[] members, Func<int, bool>? castVote)
    {
        foreach (var id in members) _running[id].SyncInit(members);
        var order = reverseMessageOrder ? members.AsEnumerable().Reverse().ToArray() : members;
        Deliver(members, () => { foreach (var id in order) _running[id].SyncProcess(); });
        if (castVote is not null) Deliver(members, () => { foreach (var id in order) _running[id].QDevicePoll(castVote(id)); });
        foreach (var id in members)
        {
            _running[id].SyncActivate();
            _ringOf[id] = members;
        }
    }

    private void Post(VotequorumInstance.NodeInfo message) =>
        (_outbox ?? throw new InvalidOperationException("votequorum sent a message outside a delivery")).Add(message);

    /// <summary>Runs <paramref name="emit"/>, then delivers every message it sent to each member in turn (totem agreed order).</summary>
    private void Deliver(int[] members, Action emit)
    {
        var outbox = new List<VotequorumInstance.NodeInfo>();
        _outbox = outbox;
        emit();
        _outbox = null;
        for (var i = 0; i < outbox.Count; i++)
        {
            _outbox = outbox;   // a handler could answer; its messages go to the end of the queue
            foreach (var id in members) _running[id].Receive(outbox[i]);
            _outbox = null;
        }
    }

    private static bool SameSet(int[] a, int[] b) => a.Length == b.Length && a.All(b.Contains);
}
