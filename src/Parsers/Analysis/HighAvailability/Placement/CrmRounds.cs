namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>
/// The CRM's <c>manage()</c> loop (pve-ha-manager 5.0.8 <c>Manager.pm</c>, reference §3.2) over a
/// <see cref="ServiceTable"/>: each round rebuilds the online-node usage, then passes over the services in sid
/// order, one state transition per service per pass, repeating the pass while anything changed, with the fencing
/// step (fence → recovery) after each pass. Usage is updated on every transition, so later services see earlier
/// decisions. Between rounds the LRMs finish what was asked of them: migrations to online nodes complete and
/// stops succeed, which the next round reads as the LRM result. Start failures are not seen by the CRM here;
/// <see cref="RecoverySimulation"/> judges storage reachability on the final node instead.
/// </summary>
internal sealed class CrmRounds
{
    private readonly ServiceTable table;
    private readonly bool[] online;
    private readonly Func<bool[], NodeUsage> newUsage;
    private readonly ServiceNodeSelector selector;
    private NodeUsage usage;

    public CrmRounds(ServiceTable table, bool[] online, Func<bool[], NodeUsage> newUsage, CompiledRules rules)
    {
        this.table = table;
        this.online = online;
        this.newUsage = newUsage;
        selector = new ServiceNodeSelector(rules, table);
        usage = newUsage(online);
    }

    public ServiceTable Table => table;

    public bool[] Online => online;

    /// <summary>The usage as of the end of the last round (for explaining selections afterwards).</summary>
    public NodeUsage Usage => usage;

    public ServiceNodeSelector Selector => selector;

    /// <summary>Recovery decisions made in the last rounds, with what narrowed them, by service.</summary>
    public Dictionary<int, SelectionTrace> RecoveryTraces { get; } = [];

    /// <summary>The last migration decision of each service that the CRM moved, with what narrowed it.</summary>
    public Dictionary<int, SelectionTrace> MoveTraces { get; } = [];

    /// <summary>
    /// One CRM round. <paramref name="fenceDelayElapsed"/>: offline nodes are past the 60 s fence delay (and their
    /// agent locks expired), so their services are fenced and recovered in this round.
    /// </summary>
    /// <returns>Whether any service changed state.</returns>
    public bool Round(bool fenceDelayElapsed)
    {
        usage = newUsage(online);
        for (var s = 0; s < table.Count; s++) usage.Add(s, table.State[s], table.Node[s], table.Target[s]);

        var changed = false;
        while (true)
        {
            var repeat = false;
            for (var s = 0; s < table.Count; s++)
            {
                var before = table.State[s];
                Step(s, fenceDelayElapsed);
                if (table.State[s] != before) repeat = changed = true;
            }
            if (fenceDelayElapsed)
            {
                for (var s = 0; s < table.Count; s++)
                {
                    if (table.State[s] != CrmState.Fence) continue;
                    Change(s, CrmState.Recovery, table.Node[s], -1);
                    repeat = changed = true;
                }
            }
            if (!repeat) break;
        }

        FinishLrmWork();
        return changed;
    }

    /// <summary>Whether an LRM result waits for the next round.</summary>
    public bool HasPendingLrmResults()
    {
        for (var s = 0; s < table.Count; s++)
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
                var (chosen, _) = selector.Select(s, NodePreference.None, usage);
                if (chosen < 0 || chosen == node) return;
                var trace = new SelectionTrace();
                selector.Select(s, NodePreference.None, usage, trace);
                MoveTraces[s] = trace;
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
        var trace = new SelectionTrace();
        var (chosen, _) = selector.Select(s, NodePreference.BestScore, usage, trace);
        if (chosen >= 0)
        {
            RecoveryTraces[s] = trace;
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
        usage.Remove(s);
        table.State[s] = state;
        table.Node[s] = node;
        table.Target[s] = target;
        table.LrmDone[s] = false;
        usage.Add(s, state, node, target);
    }

    private void FinishLrmWork()
    {
        for (var s = 0; s < table.Count; s++)
        {
            var node = table.Node[s];
            table.LrmDone[s] = table.State[s] switch
            {
                CrmState.Migrate => node >= 0 && online[node] && table.Target[s] >= 0 && online[table.Target[s]],
                CrmState.RequestStop => node >= 0 && online[node],
                _ => false,
            };
        }
    }
}
