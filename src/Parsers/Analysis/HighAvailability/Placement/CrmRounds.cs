namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>
/// The CRM's <c>manage()</c> loop (pve-ha-manager 5.0.8 <c>Manager.pm</c>, reference §3.2) over a
/// <see cref="ServiceTable"/>: each round passes over the services in sid order, one state transition per service
/// per pass, repeating the pass while anything changed, with the fencing step (fence → recovery) after each pass.
/// Usage is updated on every transition, so later services see earlier decisions. Between rounds the LRMs finish
/// what was asked of them: migrations to online nodes complete and stops succeed, which the next round reads as the
/// LRM result. Start failures are not seen by the CRM here; <see cref="RecoverySimulation"/> judges storage
/// reachability on the final node instead.
/// </summary>
/// <remarks>
/// <para>A pass steps only the services whose step could do something (<see cref="ServiceWork"/>): a service that
/// stayed put keeps staying until its node fails, a resource-affinity partner changes, or its LRM reports; every
/// other service's step is a no-op, so skipping it changes nothing but the time. A failure scenario in a
/// 10 000-service cluster then costs what its failed nodes' services and their partners cost.
/// <see cref="Exhaustive"/> steps every service in every pass, as the CRM does (the tests compare both).</para>
/// <para>The rounds run on a workspace that <see cref="Reset"/> returns to the state it was built from, undoing only
/// the services the scenario touched.</para>
/// </remarks>
internal sealed class CrmRounds
{
    private readonly ServiceTable table;
    private readonly ServiceTable origin;
    private readonly bool[] online;
    private readonly NodeUsage usage;
    private readonly CompiledRules rules;
    private readonly List<int>[] residents;
    private readonly int[] originResidents;
    private readonly HashSet<int> grownResidents = [];
    private readonly ServiceWork work;
    private readonly List<int> failedNodes = [];
    private readonly ulong originHash;
    private bool? lastFenceDelayElapsed;

    /// <param name="origin">The state to start from and to return to on <see cref="Reset"/>; copied, never changed.</param>
    /// <param name="newUsage">Makes an empty usage over the given online flags.</param>
    /// <param name="exhaustive">Step every service in every pass (the CRM's own loop), not only those that can act.</param>
    public CrmRounds(ServiceTable origin, Func<bool[], NodeUsage> newUsage, CompiledRules rules, bool exhaustive = false)
    {
        this.origin = origin;
        this.rules = rules;
        table = origin.Clone();
        online = new bool[table.NodeNames.Length];
        Array.Fill(online, true);
        usage = newUsage(online);
        Exhaustive = exhaustive;
        Selector = new ServiceNodeSelector(rules, table);
        work = new ServiceWork(table.Count);
        residents = [.. Enumerable.Range(0, online.Length).Select(_ => new List<int>())];
        for (var s = 0; s < table.Count; s++)
        {
            usage.Add(s, table.State[s], table.Node[s], table.Target[s]);
            if (table.Node[s] >= 0) residents[table.Node[s]].Add(s);
            if (table.Target[s] >= 0 && table.Target[s] != table.Node[s]) residents[table.Target[s]].Add(s);
            if (IsLrmWork(table.State[s])) work.LrmPending.Add(s);
            StateHash += ServiceHash(s);
        }
        originResidents = [.. residents.Select(r => r.Count)];
        originHash = StateHash;
    }

    public ServiceTable Table => table;

    public bool Exhaustive { get; }

    /// <summary>The usage as of now (for explaining selections afterwards).</summary>
    public NodeUsage Usage => usage;

    public ServiceNodeSelector Selector { get; }

    /// <summary>Keep a <see cref="SelectionTrace"/> of every move and recovery (for reasons; off, no trace is made).</summary>
    public bool RecordTraces { get; set; }

    /// <summary>Recovery decisions made in the last rounds, with what narrowed them, by service.</summary>
    public Dictionary<int, SelectionTrace> RecoveryTraces { get; } = [];

    /// <summary>The last migration decision of each service that the CRM moved, with what narrowed it.</summary>
    public Dictionary<int, SelectionTrace> MoveTraces { get; } = [];

    /// <summary>An order-independent hash of every service's state, node, target and LRM result, kept as they change.</summary>
    public ulong StateHash { get; private set; }

    /// <summary>The services whose state, node or usage differs (or differed) from the origin since the last reset, ascending.</summary>
    public IReadOnlyList<int> Touched => work.TouchedInOrder();

    /// <summary>Every service counts as touched (the steady state's settling, where all of them start unsettled).</summary>
    public void TouchAll()
    {
        for (var s = 0; s < table.Count; s++)
        {
            work.Touch(s);
            work.MarkLater(s);
        }
    }

    /// <summary>The nodes go offline: their services stop counting in the usage, and whatever depends on them is re-stepped.</summary>
    public void FailNodes(IEnumerable<int> nodes)
    {
        foreach (var n in nodes)
        {
            if (!online[n]) continue;
            online[n] = false;
            failedNodes.Add(n);
            foreach (var s in residents[n])
            {
                if (!IsResident(s, n)) continue;
                usage.Remove(s);
                usage.Add(s, table.State[s], table.Node[s], table.Target[s]);
                work.Touch(s);
                work.MarkLater(s);
                MarkPartners(s, later: true);
            }
        }
    }

    /// <summary>Back to the origin: online nodes, states, usage, traces.</summary>
    public void Reset()
    {
        foreach (var n in failedNodes) online[n] = true;
        failedNodes.Clear();
        foreach (var s in work.TouchedInOrder())
        {
            usage.Remove(s);
            table.State[s] = origin.State[s];
            table.Node[s] = origin.Node[s];
            table.Target[s] = origin.Target[s];
            table.LrmDone[s] = origin.LrmDone[s];
            usage.Add(s, table.State[s], table.Node[s], table.Target[s]);
            if (IsLrmWork(table.State[s])) work.LrmPending.Add(s);
            else work.LrmPending.Remove(s);
        }
        foreach (var n in grownResidents) residents[n].RemoveRange(originResidents[n], residents[n].Count - originResidents[n]);
        grownResidents.Clear();
        work.Clear();
        StateHash = originHash;
        lastFenceDelayElapsed = null;
        RecoveryTraces.Clear();
        MoveTraces.Clear();
    }

    /// <summary>
    /// One CRM round. <paramref name="fenceDelayElapsed"/>: offline nodes are past the 60 s fence delay (and their
    /// agent locks expired), so their services are fenced and recovered in this round.
    /// </summary>
    /// <returns>Whether any service changed state.</returns>
    public bool Round(bool fenceDelayElapsed)
    {
        // Whether an offline node's services act depends on the fence delay: re-step them when it elapses.
        if (lastFenceDelayElapsed != fenceDelayElapsed)
            foreach (var n in failedNodes)
                foreach (var s in residents[n])
                    if (IsResident(s, n)) work.MarkLater(s);
        lastFenceDelayElapsed = fenceDelayElapsed;

        var changed = false;
        while (true)
        {
            work.StartPass(Exhaustive);
            var repeat = false;
            for (var s = work.NextInPass(); s >= 0; s = work.NextInPass())
            {
                var before = table.State[s];
                Step(s, fenceDelayElapsed);
                if (table.State[s] != before) repeat = changed = true;
                else if (table.State[s] == CrmState.Recovery) work.MarkLater(s); // retried every pass: usage moves under it
            }
            work.EndPass();
            if (fenceDelayElapsed && work.Fenced.Count > 0)
            {
                work.Fenced.Sort();
                foreach (var s in work.Fenced)
                {
                    if (table.State[s] != CrmState.Fence) continue;
                    Change(s, CrmState.Recovery, table.Node[s], -1);
                    repeat = changed = true;
                }
                work.Fenced.Clear();
            }
            if (!repeat) break;
        }

        FinishLrmWork();
        return changed;
    }

    /// <summary>Whether an LRM result waits for the next round.</summary>
    public bool HasPendingLrmResults()
    {
        foreach (var s in work.LrmPending)
            if (table.LrmDone[s]) return true;
        return false;
    }

    private void Step(int s, bool fenceDelayElapsed)
    {
        var node = table.Node[s];
        var nodeOnline = node >= 0 && online[node];
        var requested = table.Requested[s];
        switch (table.State[s])
        {
            case CrmState.Stopped:
                if (requested == RequestedState.Disabled) return;
                if (!nodeOnline && fenceDelayElapsed) Change(s, CrmState.Fence, node, -1);
                else if (requested == RequestedState.Started) Change(s, CrmState.RequestStart, node, -1);
                return;

            case CrmState.RequestStart:
                // ha-rebalance-on-start is not modelled: the service starts where it is
                Change(s, CrmState.Started, node, -1);
                return;

            case CrmState.Started:
                if (!nodeOnline)
                {
                    if (fenceDelayElapsed) Change(s, CrmState.Fence, node, -1);
                    return;
                }
                if (requested != RequestedState.Started)
                {
                    Change(s, CrmState.RequestStop, node, -1);
                    return;
                }
                var (chosen, _) = Selector.Select(s, NodePreference.None, usage);
                if (chosen < 0 || chosen == node) return;
                if (RecordTraces)
                {
                    var trace = new SelectionTrace();
                    Selector.Select(s, NodePreference.None, usage, trace);
                    MoveTraces[s] = trace;
                }
                Change(s, CrmState.Migrate, node, chosen);
                return;

            case CrmState.Migrate:
                if (table.LrmDone[s])
                {
                    Change(s, requested == RequestedState.Started ? CrmState.Started : CrmState.RequestStop, table.Target[s], -1);
                    return;
                }
                if (!nodeOnline && fenceDelayElapsed) Change(s, CrmState.Fence, node, -1);
                return;

            case CrmState.RequestStop:
                if (table.LrmDone[s]) Change(s, CrmState.Stopped, node, -1);
                else if (!nodeOnline && fenceDelayElapsed) Change(s, CrmState.Fence, node, -1);
                return;

            case CrmState.Recovery:
                Recover(s);
                return;

            case CrmState.Error:
                if (requested == RequestedState.Disabled) Change(s, CrmState.Stopped, node, -1);
                return;

            case CrmState.Freeze:
                // frozen while its LRM restarts; thawed once the node is back and its LRM active
                if (nodeOnline) Change(s, requested == RequestedState.Started ? CrmState.Started : CrmState.RequestStop, node, -1);
                return;

            case CrmState.Fence:
                return;
        }
    }

    private void Recover(int s)
    {
        var trace = RecordTraces ? new SelectionTrace() : null;
        var (chosen, _) = Selector.Select(s, NodePreference.BestScore, usage, trace);
        if (chosen >= 0)
        {
            if (trace is not null) RecoveryTraces[s] = trace;
            Change(s, table.Requested[s] == RequestedState.Started ? CrmState.Started : CrmState.RequestStop, chosen, -1);
        }
        else if (table.Requested[s] == RequestedState.Disabled)
        {
            Change(s, CrmState.Stopped, table.Node[s], -1);
        }
    }

    /// <summary><c>change_service_state</c>: a new state (and uid, so no old LRM result applies), usage moved along.</summary>
    private void Change(int s, CrmState state, int node, int target)
    {
        StateHash -= ServiceHash(s);
        usage.Remove(s);
        if (node >= 0 && node != table.Node[s] && node != table.Target[s]) AddResident(node, s);
        if (target >= 0 && target != table.Node[s] && target != table.Target[s] && target != node) AddResident(target, s);
        table.State[s] = state;
        table.Node[s] = node;
        table.Target[s] = target;
        table.LrmDone[s] = false;
        usage.Add(s, state, node, target);
        StateHash += ServiceHash(s);

        work.Touch(s);
        work.MarkLater(s);
        MarkPartners(s, later: false);
        if (IsLrmWork(state)) work.LrmPending.Add(s);
        else work.LrmPending.Remove(s);
        if (state == CrmState.Fence) work.Fenced.Add(s);
    }

    /// <summary>A change of <paramref name="s"/> moves its partners' resource affinity: they decide again.</summary>
    private void MarkPartners(int s, bool later)
    {
        foreach (var p in rules.Positive[s]) Mark(p.Service);
        foreach (var p in rules.Negative[s]) Mark(p.Service);

        void Mark(int p)
        {
            if (later) work.MarkLater(p);
            else work.MarkInPass(p);
        }
    }

    private void FinishLrmWork()
    {
        foreach (var s in work.LrmPending)
        {
            var node = table.Node[s];
            var done = table.State[s] switch
            {
                CrmState.Migrate => node >= 0 && online[node] && table.Target[s] >= 0 && online[table.Target[s]],
                CrmState.RequestStop => node >= 0 && online[node],
                _ => false,
            };
            if (done == table.LrmDone[s]) continue;
            StateHash -= ServiceHash(s);
            table.LrmDone[s] = done;
            StateHash += ServiceHash(s);
            work.Touch(s);
            work.MarkLater(s);
        }
    }

    private void AddResident(int node, int s)
    {
        residents[node].Add(s);
        grownResidents.Add(node);
    }

    /// <summary>
    /// Whether service <paramref name="s"/> is on node <paramref name="n"/> or migrating to it now: the residents
    /// index keeps former ones too, so its lists are filtered with this (in place, no iterator per node and round).
    /// </summary>
    private bool IsResident(int s, int n) => table.Node[s] == n || table.Target[s] == n;

    private static bool IsLrmWork(CrmState state) => state is CrmState.Migrate or CrmState.RequestStop;

    private ulong ServiceHash(int s)
    {
        var x = ((ulong)(uint)s << 32) ^ ((ulong)(uint)table.State[s] << 24) ^ ((ulong)(uint)(table.Node[s] + 1) << 12)
            ^ (ulong)(uint)(table.Target[s] + 1) ^ (table.LrmDone[s] ? 1UL << 63 : 0);
        // splitmix64's finaliser: sums of well-mixed values rarely collide
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9UL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebUL;
        return x ^ (x >> 31);
    }
}
