using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>
/// Where the HA stack puts every service when nodes fail: an exact replay of the CRM's decisions
/// (pve-ha-manager 5.0.8, PVE 9.1; reference/pve-ha-manager.md §3). Build it once per cluster and rule set: it
/// settles the steady state first (all nodes up; services start where they are and the rules pull them where they
/// belong, as the CRM does every round), then <see cref="Fail(IReadOnlyCollection{string})"/> answers each failure
/// scenario from that state.
/// </summary>
/// <remarks>
/// <para>Timing is collapsed to what decides placement: the rounds before the fence delay elapses (the CRM sees the
/// nodes gone but fences nothing), then one round in which every failed node's services are fenced and recovered in
/// sid order, then rounds until nothing changes. Nodes that fail together are fenced in the same round; give
/// separate waves for failures far enough apart that the first is recovered before the second is fenced.</para>
/// <para>The partition that keeps the remaining nodes is assumed quorate: which nodes fail or fence is the quorum
/// analysis's answer, not this one's.</para>
/// <para>Start failures are judged on the final node only: a guest recovered to a node that cannot reach its disks
/// fails to start there (max_restart + 1 attempts), and the relocation policy cannot move it either, because the
/// volumes are not on that node to migrate; it ends in <c>error</c>. The CRM itself knows nothing of storage, so
/// this does not change where the other services go.</para>
/// </remarks>
public sealed class RecoverySimulation
{
    private const int MaxRounds = 200;
    private const int RoundsBeforeFencing = 3; // 60 s fence delay at one CRM round per 20 s

    private readonly PlacementInput input;
    private readonly string[] nodes;
    private readonly Dictionary<string, int> nodeIndex;
    private readonly CompiledRules rules;
    private readonly ServiceTable steady;
    private readonly PlacementService[] services;
    private readonly Dictionary<string, int> serviceIndex;
    private readonly Func<bool[], NodeUsage> newUsage;
    private readonly ImmutableArray<int> unstableAtSteadyState;
    private readonly PlacementReasons reasons;
    private readonly Lazy<ServicePlacement[]> unaffected;
    // Settled workspaces, one per concurrent Fail: each scenario runs on one and resets it.
    private readonly ConcurrentBag<CrmRounds> workspaces = [];

    private RecoverySimulation(PlacementInput input, IReadOnlyList<PlacementRule> effectiveRules, bool exhaustive)
    {
        Exhaustive = exhaustive;
        this.input = input;
        nodes = [.. input.Nodes.Select(n => n.Name).Concat(input.Services.Select(s => s.Node))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        nodeIndex = nodes.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        services = [.. input.Services.GroupBy(s => s.Sid, StringComparer.Ordinal).Select(g => g.Last()).OrderBy(s => s.Sid, StringComparer.Ordinal)];
        serviceIndex = services.Select((s, i) => (s.Sid, i)).ToDictionary(p => p.Sid, p => p.i, StringComparer.Ordinal);
        rules = new CompiledRules(effectiveRules, nodeIndex, serviceIndex);

        var notes = ImmutableArray.CreateBuilder<string>();
        (Scheduler, newUsage) = ChooseUsage(notes);

        var initial = new ServiceTable(nodes, [.. services.Select(s => s.Sid)], [.. services.Select(s => s.Requested)],
            [.. services.Select(s => s.Failback)], [.. services.Select(s => StartingState(s.State))], [.. services.Select(s => nodeIndex[s.Node])]);
        var crm = new CrmRounds(initial, newUsage, rules);
        crm.TouchAll();
        unstableAtSteadyState = Settle(crm, fenceDelayElapsed: true);
        steady = crm.Table;
        reasons = new PlacementReasons(nodes, steady.Sids, Scheduler);
        unaffected = new Lazy<ServicePlacement[]>(() => [.. Enumerable.Range(0, steady.Count).Select(UnaffectedPlacement)]);
        if (unstableAtSteadyState.Length > 0)
            notes.Add($"The steady state does not settle: the CRM keeps moving {string.Join(", ", unstableAtSteadyState.Select(s => services[s].Sid))} with all nodes up.");
        Notes = notes.ToImmutable();
    }

    /// <summary>Settles the steady state of <paramref name="input"/> under the effective rules.</summary>
    /// <param name="effectiveRules">The rules after PVE's feasibility checks and transforms (see <see cref="PlacementRule"/>).</param>
    public static RecoverySimulation Create(PlacementInput input, IReadOnlyList<PlacementRule> effectiveRules) => new(input, effectiveRules, exhaustive: false);

    /// <summary>As <see cref="Create"/>, but every CRM pass steps every service, as the CRM itself does (the tests' reference).</summary>
    internal static RecoverySimulation CreateExhaustive(PlacementInput input, IReadOnlyList<PlacementRule> effectiveRules) => new(input, effectiveRules, exhaustive: true);

    /// <summary>The scheduler in use (static needs the capacity of every node, else the CRM falls back to basic).</summary>
    public CrsScheduler Scheduler { get; }

    /// <summary>Assumptions that hold for every scenario of this cluster.</summary>
    public ImmutableArray<string> Notes { get; }

    /// <summary>Where each service runs (or is kept stopped) in the steady state, by sid.</summary>
    public ImmutableSortedDictionary<string, string> SteadyNodes =>
        Enumerable.Range(0, steady.Count).ToImmutableSortedDictionary(s => steady.Sids[s], s => nodes[steady.Node[s]], StringComparer.Ordinal);

    /// <summary>The nodes fail at once and are fenced in the same CRM round.</summary>
    public RecoveryPlan Fail(IReadOnlyCollection<string> failedNodes) => Fail([failedNodes]);

    /// <summary>The nodes of each wave fail at once; each wave is fenced and recovered before the next fails.</summary>
    /// <remarks>Safe to call from several threads at once: each call runs on a workspace of its own.</remarks>
    public RecoveryPlan Fail(IReadOnlyList<IReadOnlyCollection<string>> waves)
    {
        // A steady state that does not settle breaks the premise of stepping only what a failure touches.
        if (!workspaces.TryTake(out var crm)) crm = new CrmRounds(steady, newUsage, rules, exhaustive: Exhaustive || unstableAtSteadyState.Length > 0);
        try
        {
            var failed = new List<string>();
            var unstable = new HashSet<int>();
            foreach (var wave in waves)
            {
                var down = new List<int>();
                foreach (var name in wave)
                {
                    if (!nodeIndex.TryGetValue(name, out var n) || failed.Contains(name)) continue;
                    down.Add(n);
                    failed.Add(name);
                }
                crm.FailNodes(down);
                for (var round = 0; round < RoundsBeforeFencing; round++)
                    if (!crm.Round(fenceDelayElapsed: false) && !crm.HasPendingLrmResults()) break;
                unstable.UnionWith(Settle(crm, fenceDelayElapsed: true));
            }
            var failedSet = failed.ToHashSet(StringComparer.Ordinal);
            var touched = crm.Exhaustive ? Enumerable.Range(0, steady.Count).ToList() : [.. crm.Touched];
            var changed = touched.Select(s => Outcome(s, crm, failedSet, unstable.Contains(s))).ToArray();
            return new RecoveryPlan([.. failed], Scheduler, new PlacementList(unaffected.Value, [.. touched], changed, serviceIndex), Notes);
        }
        finally
        {
            crm.Reset();
            workspaces.Add(crm);
        }
    }

    /// <summary>Step every service in every CRM pass, as the CRM does, instead of only those a failure can move (for tests).</summary>
    internal bool Exhaustive { get; }

    /// <summary>A service the scenario does not touch: where the steady state has it.</summary>
    private ServicePlacement UnaffectedPlacement(int s)
    {
        var node = nodes[steady.Node[s]];
        var state = steady.State[s];
        var sid = steady.Sids[s];
        var present = state is CrmState.Started or CrmState.Migrate or CrmState.RequestStart or CrmState.Stopped or CrmState.RequestStop;
        return new ServicePlacement(sid, node, present ? node : null, PlacementOutcome.Unaffected, () => reasons.Unaffected(sid, node, state), StateName(state), node);
    }

    private ServicePlacement Outcome(int s, CrmRounds crm, HashSet<string> failed, bool unstable)
    {
        var table = crm.Table;
        var sid = table.Sids[s];
        var from = nodes[steady.Node[s]];
        var node = nodes[table.Node[s]];
        var state = table.State[s];
        var service = services[s];
        ServicePlacement Result(string? to, PlacementOutcome outcome, Func<string> reason, CrmState crmState) =>
            new(sid, from, to, outcome, reason, StateName(crmState), node);

        Func<string> MovedReason(SelectionTrace? trace) => () => reasons.Moved(sid, from, node, trace);

        var runsSomewhere = state is CrmState.Started or CrmState.Migrate or CrmState.RequestStart;
        var keptStopped = state is CrmState.Stopped or CrmState.RequestStop;
        if (unstable)
            return Result(runsSomewhere || keptStopped ? node : null, PlacementOutcome.Unstable, () => reasons.Unstable(sid, node), state);

        if (!failed.Contains(from))
        {
            return node == from
                ? Result(runsSomewhere || keptStopped ? node : null, PlacementOutcome.Unaffected, () => reasons.Unaffected(sid, from, state), state)
                : Result(node, PlacementOutcome.Moved, MovedReason(crm.MoveTraces.GetValueOrDefault(s)), state);
        }

        if (state == CrmState.Recovery)
        {
            var trace = new SelectionTrace();
            var (_, block) = crm.Selector.Select(s, NodePreference.BestScore, crm.Usage, trace);
            return Result(null, PlacementOutcome.NoRecoveryNode, () => reasons.NoRecoveryNode(sid, from, block, trace), state);
        }
        if (state is CrmState.Error or CrmState.Freeze || service.Requested == RequestedState.Disabled || failed.Contains(node))
            return Result(null, PlacementOutcome.NotRecovered, () => reasons.NotRecovered(sid, from, steady.State[s], service.Requested), state);

        // Traces are read now: the workspace is reset (and reused) before the reason is.
        var trace2 = crm.RecoveryTraces.GetValueOrDefault(s);
        if (keptStopped)
            return Result(node, PlacementOutcome.RecoveredStopped, () => reasons.Recovered(sid, from, node, trace2, stopped: true, note: null), state);

        if (input.Storage?.BlockOn(sid, from, node) is { } block2)
            return Result(null, PlacementOutcome.StartFailed, () => reasons.StartFailed(sid, from, node, block2, service), CrmState.Error);
        return Result(node, PlacementOutcome.Recovered, () => reasons.Recovered(sid, from, node, trace2, stopped: false, input.Storage?.StartNote(sid, from, node)), state);
    }

    /// <summary>Runs rounds until one changes nothing and no LRM result is pending; returns the services caught in a cycle.</summary>
    private static ImmutableArray<int> Settle(CrmRounds crm, bool fenceDelayElapsed)
    {
        var seen = new Dictionary<ulong, int>();
        for (var round = 0; round < MaxRounds; round++)
        {
            var changed = crm.Round(fenceDelayElapsed);
            if (!changed && !crm.HasPendingLrmResults()) return [];
            var fingerprint = crm.StateHash;
            if (seen.TryGetValue(fingerprint, out var first)) return Cycling(crm, round - first, fenceDelayElapsed);
            seen[fingerprint] = round;
        }
        return Cycling(crm, MaxRounds / 4, fenceDelayElapsed);
    }

    /// <summary>Replays one period of a cycle and returns the services whose state or node changed in it.</summary>
    private static ImmutableArray<int> Cycling(CrmRounds crm, int period, bool fenceDelayElapsed)
    {
        var table = crm.Table;
        var startNode = (int[])table.Node.Clone();
        var startState = (CrmState[])table.State.Clone();
        var moving = new SortedSet<int>();
        for (var round = 0; round < Math.Max(period, 1); round++)
        {
            crm.Round(fenceDelayElapsed);
            for (var s = 0; s < table.Count; s++)
                if (table.Node[s] != startNode[s] || table.State[s] != startState[s]) moving.Add(s);
        }
        return [.. moving];
    }

    private (CrsScheduler, Func<bool[], NodeUsage>) ChooseUsage(ImmutableArray<string>.Builder notes)
    {
        var count = services.Length;
        if (input.Scheduler == CrsScheduler.Static)
        {
            var capacity = input.Nodes.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
            var missing = nodes.Where(n => capacity.GetValueOrDefault(n) is not { Cpus: > 0, MemoryBytes: > 0 }).ToArray();
            if (missing.Length == 0)
            {
                var cpus = nodes.Select(n => capacity[n].Cpus!.Value).ToArray();
                var memory = nodes.Select(n => capacity[n].MemoryBytes!.Value).ToArray();
                var loads = services.Select(s => s.Load).ToArray();
                return (CrsScheduler.Static, online => new StaticUsage(online, cpus, memory, loads));
            }
            notes.Add($"crs ha=static, but the CPU count and memory of {string.Join(", ", missing)} are unknown (declare them under nodes: in .pvelint.yaml): placement is computed with the basic scheduler, which is also what the CRM falls back to when it lacks node statistics.");
        }
        return (CrsScheduler.Basic, online => new BasicUsage(online, count));
    }

    /// <summary>A migration in flight has no known target here: it starts as started on its source node.</summary>
    private static CrmState StartingState(CrmState state) => state == CrmState.Migrate ? CrmState.Started : state;

    internal static string StateName(CrmState state) => state switch
    {
        CrmState.RequestStart => "request_start",
        CrmState.Started => "started",
        CrmState.RequestStop => "request_stop",
        CrmState.Stopped => "stopped",
        CrmState.Migrate => "migrate",
        CrmState.Fence => "fence",
        CrmState.Recovery => "recovery",
        CrmState.Error => "error",
        CrmState.Freeze => "freeze",
        _ => state.ToString().ToLowerInvariant(),
    };
}
