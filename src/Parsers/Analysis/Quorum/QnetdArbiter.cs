using System.Collections.Immutable;

namespace PveLint.Analysis.Quorum;

/// <summary>corosync-qnetd's answer for one membership: the nodes that get ACK (cast the QDevice vote).</summary>
public sealed record QnetdDecision(NodeIdSet Ack, string Summary, string? Undecidable = null)
{
    public static QnetdDecision None(string summary) => new(NodeIdSet.Empty, summary);
}

/// <summary>
/// What corosync-qnetd (corosync-qdevice 3.0.3) decides once the membership is stable, for the two algorithms
/// Proxmox uses (reference/corosync-quorum.md §3): <c>ffsplit</c> (qnetd-algo-ffsplit.c partition_cmp and
/// select_partition) and <c>lms</c> (qnetd-algo-lms.c do_lms_algorithm). Heuristics are not modelled (off, as
/// Proxmox sets up). A partition that does not reach the QDevice host has no clients at qnetd. Where qnetd's answer
/// depends on the order in which its clients connected, the decision is undecidable instead of a guess.
/// The arbiter keeps what qnetd remembers between decisions: the last quorate partition (ffsplit) and each
/// client's last vote and membership (lms, which re-decides only for clients whose membership changed), plus the
/// lms clients that keep casting without qnetd (wait_for_all). Checked against real corosync + qnetd in
/// tests/oracles/qdevice-netns.
/// </summary>
internal sealed class QnetdArbiter(VoteArithmetic arithmetic, IReadOnlyDictionary<int, string> names)
{
    private enum LmsVote { New, Ack, Nack }

    private int ConfigNodeCount => arithmetic.Config.Nodes.Length;

    private IEnumerable<int> ConfigNodeIds => arithmetic.Config.Nodes.Select(n => n.NodeId ?? 0);

    private NodeIdSet _quoratePartition = NodeIdSet.Empty;
    // What lms remembers, made on first use: an arbiter is made for every scenario, and ffsplit needs none of it.
    private Dictionary<int, LmsVote>? _lmsVotes;
    private Dictionary<int, NodeIdSet>? _lmsMemberships;
    private Dictionary<int, NodeIdSet>? _heldAcks;
    private Dictionary<int, LmsVote> Lms => _lmsVotes ??= new();
    private Dictionary<int, NodeIdSet> LmsMembership => _lmsMemberships ??= new();   // each lms client's membership when qnetd last ran lms for it
    private Dictionary<int, NodeIdSet> Held => _heldAcks ??= new();   // lms clients still casting an ACK without qnetd, with their membership

    private string Algorithm => arithmetic.Config.QDevice?.Algorithm ?? QDeviceSettings.FiftyFiftySplit;

    private string TieBreaker => arithmetic.Config.QDevice?.TieBreaker ?? "lowest";

    /// <summary>A copy remembering what this arbiter remembers; the two decide independently from then on.</summary>
    public QnetdArbiter Copy() => new(arithmetic, names)
    {
        _quoratePartition = _quoratePartition, // immutable, as are the memberships below
        _lmsVotes = _lmsVotes is null ? null : new(_lmsVotes),
        _lmsMemberships = _lmsMemberships is null ? null : new(_lmsMemberships),
        _heldAcks = _heldAcks is null ? null : new(_heldAcks),
    };

    /// <summary>
    /// qnetd's answers after a membership change. <paramref name="quorate"/> says whether a node was quorate before
    /// it (what its qdevice daemon last heard from votequorum), which decides whether lms keeps voting without qnetd.
    /// A decision may keep a partition's array as its ACK set: never write to them afterwards.
    /// </summary>
    public QnetdDecision Decide(IReadOnlyList<(int[] Nodes, bool Reaches)> partitions, Func<int, bool> quorate)
    {
        var connected = partitions.Where(p => p.Reaches && p.Nodes.Length > 0).ToList();
        var held = HeldWithoutQnetd(partitions, quorate);
        // A client that disconnects (node down or cut off) loses its lms history: a reconnecting daemon is a new client.
        if (_lmsVotes is { Count: > 0 })
            foreach (var id in Lms.Keys.Where(id => !connected.Any(p => p.Nodes.Contains(id))).ToList())
            {
                Lms.Remove(id);
                LmsMembership.Remove(id);
            }
        var heldClause = held.IsEmpty ? ""
            : $"; {string.Join(", ", held.Order().Select(Name))} keep{(held.Count == 1 ? "s" : "")} casting the vote without qnetd (lms with wait_for_all keeps its last ACK while the node was quorate and its membership does not change)";
        if (connected.Count == 0)
            return Remember(new QnetdDecision(held, (held.IsEmpty ? "no node reaches the QDevice host, so nobody gets its vote" : "no node reaches the QDevice host") + heldClause));
        var decision = Algorithm switch
        {
            QDeviceSettings.FiftyFiftySplit => FiftyFiftySplit(connected),
            QDeviceSettings.LastManStanding => LastManStanding(connected),
            var other => new QnetdDecision(NodeIdSet.Empty, "", $"QDevice algorithm '{other}' is not one pvelint models (ffsplit, lms)"),
        };
        return Remember(held.IsEmpty || decision.Undecidable is not null ? decision : decision with { Ack = decision.Ack.Union(held), Summary = decision.Summary + heldClause });
    }

    /// <summary>
    /// corosync-qdevice's lms client, on losing qnetd, keeps casting its vote when its node is quorate and
    /// quorum.wait_for_all is set (qdevice_net_algo_lms_disconnected and _echo_reply_not_received leave the vote
    /// unchanged); the next membership change turns an ACK still being cast without qnetd into NACK
    /// (qdevice_model_net_votequorum_node_list_notify). ffsplit always votes NACK once disconnected.
    /// </summary>
    private NodeIdSet HeldWithoutQnetd(IReadOnlyList<(int[] Nodes, bool Reaches)> partitions, Func<int, bool> quorate)
    {
        if (Algorithm != QDeviceSettings.LastManStanding || arithmetic.Config.WaitForAll != true)
        {
            _heldAcks?.Clear();
            return NodeIdSet.Empty;
        }
        var keep = new Dictionary<int, NodeIdSet>();
        foreach (var p in partitions)
        {
            if (p.Reaches) continue;
            var members = NodeIdSet.Of(p.Nodes);
            foreach (var id in p.Nodes)
            {
                var justLost = Lms.GetValueOrDefault(id) == LmsVote.Ack && LmsMembership[id].SetEquals(members) && quorate(id);
                var stillHeld = Held.TryGetValue(id, out var was) && was.SetEquals(members);
                if (justLost || stillHeld) keep[id] = members;
            }
        }
        Held.Clear();
        foreach (var (id, members) in keep) Held[id] = members;
        return NodeIdSet.Of(keep.Keys);
    }

    private QnetdDecision Remember(QnetdDecision decision)
    {
        if (decision.Undecidable is null && Algorithm == QDeviceSettings.FiftyFiftySplit)
            _quoratePartition = decision.Ack;
        return decision;
    }

    private QnetdDecision FiftyFiftySplit(List<(int[] Nodes, bool Reaches)> connected)
    {
        var c = ConfigNodeCount;
        if (c % 2 == 1)
        {
            var majority = connected.FirstOrDefault(p => p.Nodes.Length > c / 2);
            return majority.Nodes is null
                ? QnetdDecision.None($"ffsplit on an odd node count ({c}) gives the vote only to a partition with a node majority (more than {c / 2}); none has one")
                : Ack(majority.Nodes, $"ffsplit gives the vote to the partition with a node majority ({majority.Nodes.Length} of {c} nodes)");
        }
        var winner = connected.FirstOrDefault(p => p.Nodes.Length > c / 2);
        if (winner.Nodes is not null) return Ack(winner.Nodes, $"ffsplit gives the vote to the partition with a node majority ({winner.Nodes.Length} of {c} nodes)");
        var halves = connected.Where(p => p.Nodes.Length == c / 2).ToList();
        if (halves.Count == 0)
            return QnetdDecision.None($"ffsplit gives the vote only to a partition with at least half of the {c} nodes; the largest that reaches it has {connected.Max(p => p.Nodes.Length)}");
        if (halves.Count == 1)
            return Ack(halves[0].Nodes, $"ffsplit gives the 50:50 tie to the only half ({halves[0].Nodes.Length} of {c} nodes) that reaches it");

        // Equal score and equal connected clients (heuristics off, every node of a partition connected): keep the
        // active partition, when that is decisive for every pair of clients, else the tie_breaker node.
        var (a, b) = (halves[0].Nodes, halves[1].Nodes);
        var aKept = a.All(_quoratePartition.Contains);
        var bKept = b.All(_quoratePartition.Contains);
        var aNone = !a.Any(_quoratePartition.Contains);
        var bNone = !b.Any(_quoratePartition.Contains);
        if (aKept && bNone) return Ack(a, "ffsplit keeps the vote with the partition that had it (keep_active_partition_tie_breaker)");
        if (bKept && aNone) return Ack(b, "ffsplit keeps the vote with the partition that had it (keep_active_partition_tie_breaker)");
        if (!((aKept && bKept) || (aNone && bNone)))
            return new QnetdDecision(NodeIdSet.Empty, "", "in the 50:50 split some nodes of each half were in the last quorate partition, so qnetd's choice depends on the order its clients connected");

        if (!TryPreferredNode(out var preferred, out var rule))
            return new QnetdDecision(NodeIdSet.Empty, "", $"QDevice tie_breaker '{TieBreaker}' is not lowest, highest or a nodeid");
        if (a.Contains(preferred)) return Ack(a, $"ffsplit gives the 50:50 tie to the half holding the tie_breaker node {Name(preferred)} ({rule})");
        if (b.Contains(preferred)) return Ack(b, $"ffsplit gives the 50:50 tie to the half holding the tie_breaker node {Name(preferred)} ({rule})");
        return new QnetdDecision(NodeIdSet.Empty, "", $"the tie_breaker node {Name(preferred)} ({rule}) is in neither half of the 50:50 split, so qnetd keeps whichever half it compared first (the order its clients connected)");
    }

    /// <summary>qnetd_algo_ffsplit_is_preferred_partition: lowest/highest of the configured nodes, or the given nodeid.</summary>
    private bool TryPreferredNode(out int node, out string rule)
    {
        switch (TieBreaker)
        {
            case "lowest":
                node = ConfigNodeIds.Min();
                rule = "tie_breaker lowest";
                return true;
            case "highest":
                node = ConfigNodeIds.Max();
                rule = "tie_breaker highest";
                return true;
        }
        rule = $"tie_breaker {TieBreaker}";
        return int.TryParse(TieBreaker, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out node) && node > 0;
    }

    /// <summary>
    /// qnetd runs do_lms_algorithm for a client only when that client reports something: it connects, or its corosync
    /// membership changes (qdevice never asks again on its own, and lms sends no votes to other clients). A client
    /// whose membership stayed the same keeps the vote it had, even when the partitions around it changed (also a
    /// newcomer's unsaved NACK).
    /// </summary>
    private QnetdDecision LastManStanding(List<(int[] Nodes, bool Reaches)> connected)
    {
        var unchanged = new HashSet<int>();
        foreach (var p in connected)
        {
            // Members share their membership set (below): compare each set with the partition once.
            var same = new Dictionary<NodeIdSet, bool>(ReferenceEqualityComparer.Instance);
            foreach (var id in p.Nodes)
            {
                if (!LmsMembership.TryGetValue(id, out var was)) continue;
                if (!same.TryGetValue(was, out var equal)) same[was] = equal = was.SetEquals(p.Nodes);
                if (equal) unchanged.Add(id);
            }
        }
        var kept = NodeIdSet.Of(unchanged.Where(id => Lms.GetValueOrDefault(id) == LmsVote.Ack));
        foreach (var p in connected)
        {
            // One set per partition, shared by its members (it is immutable): a set each was 64² entries per step.
            var membership = NodeIdSet.Of(p.Nodes);
            foreach (var id in p.Nodes) LmsMembership[id] = membership;
        }
        var reporting = connected.SelectMany(p => p.Nodes).Where(id => !unchanged.Contains(id)).ToList();
        var keptClause = unchanged.Count == 0 ? ""
            : $"; qnetd did not run lms again for {string.Join(", ", unchanged.Order().Select(Name))}, whose membership did not change, so they keep their last answer";

        if (connected.Count == 1)
        {
            foreach (var id in reporting) Lms[id] = LmsVote.Ack;
            return new QnetdDecision(kept.Union(reporting), "lms gives the vote to the only partition that reaches it" + keptClause);
        }
        var decision = LargestOrTieBreaker(connected);
        if (decision.Undecidable is not null) return decision;
        // A client that never voted gets NACK (not remembered) while a client in another partition holds an ACK.
        var holders = connected.SelectMany(p => p.Nodes).Where(id => Lms.GetValueOrDefault(id) == LmsVote.Ack).ToList();
        var newcomersRefused = reporting
            .Where(id => Lms.GetValueOrDefault(id) == LmsVote.New && holders.Any(h => !SamePartition(connected, id, h)))
            .ToHashSet();
        foreach (var id in reporting.Where(id => !newcomersRefused.Contains(id)))
            Lms[id] = decision.Ack.Contains(id) ? LmsVote.Ack : LmsVote.Nack;
        var summary = decision.Summary;
        if (newcomersRefused.Overlaps(decision.Ack)) summary += "; nodes new to qnetd get NACK while another partition holds the vote";
        return new QnetdDecision(decision.Ack.Intersect(reporting).Except(newcomersRefused).Union(kept), summary + keptClause);
    }

    private QnetdDecision LargestOrTieBreaker(List<(int[] Nodes, bool Reaches)> connected)
    {
        var best = connected.Max(p => p.Nodes.Length);
        var largest = connected.Where(p => p.Nodes.Length == best).ToList();
        if (largest.Count == 1) return Ack(largest[0].Nodes, $"lms gives the vote to the partition with the most connected nodes ({best})");
        var all = connected.SelectMany(p => p.Nodes).ToList();
        if (TieBreaker is "lowest" or "highest")
        {
            var tb = TieBreaker == "lowest" ? all.Min() : all.Max();
            return Ack(connected.First(p => p.Nodes.Contains(tb)).Nodes, $"lms gives the tie to the partition holding the {TieBreaker} connected node {Name(tb)}");
        }
        if (!int.TryParse(TieBreaker, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0)
            return new QnetdDecision(NodeIdSet.Empty, "", $"QDevice tie_breaker '{TieBreaker}' is not lowest, highest or a nodeid");
        // do_lms_algorithm's nodeid mode ACKs the tie_breaker client itself, not its partition.
        return all.Contains(id)
            ? new QnetdDecision(NodeIdSet.Of([id]), $"lms gives the tie to the tie_breaker node {Name(id)} alone")
            : QnetdDecision.None($"lms gives the tie to the tie_breaker node {Name(id)}, which is not connected");
    }

    private static bool SamePartition(List<(int[] Nodes, bool Reaches)> partitions, int a, int b) =>
        partitions.Any(p => p.Nodes.Contains(a) && p.Nodes.Contains(b));

    private static QnetdDecision Ack(int[] nodes, string summary) => new(NodeIdSet.Sharing(nodes), summary);

    private string Name(int id) => names.TryGetValue(id, out var n) ? $"{id} ({n})" : id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
