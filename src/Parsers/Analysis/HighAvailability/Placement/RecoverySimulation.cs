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
    // Whether service s can start on node n (0 not asked yet, 1 yes, 2 no), by s * nodes + n: every scenario asks
    // about the same few nodes per service (always coming from its steady node), so the storage is asked once each.
    // Racing threads write the same answer, and a byte is written whole.
    private readonly byte[] canStart;

    private RecoverySimulation(PlacementInput input, IReadOnlyList<PlacementRule> effectiveRules, bool exhaustive)
    {
        Exhaustive = exhaustive;
        this.input = input;
        nodes = NodesOf(input);
        if (nodes.Length > PlacementRecord.MaxNodes) throw new ArgumentException(TooManyNodes(nodes.Length), nameof(input));
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
        canStart = input.Storage is null ? [] : new byte[steady.Count * nodes.Length];
        unaffected = new Lazy<ServicePlacement[]>(() => [.. Enumerable.Range(0, steady.Count).Select(UnaffectedPlacement)]);
        if (unstableAtSteadyState.Length > 0)
            notes.Add($"The steady state does not settle: the CRM keeps moving {string.Join(", ", unstableAtSteadyState.Select(s => services[s].Sid))} with all nodes up.");
        Notes = notes.ToImmutable();
    }

    /// <summary>Why <paramref name="input"/> cannot be simulated (<see cref="Create"/> would refuse it), or null.</summary>
    public static string? WhyNotSimulated(PlacementInput input) =>
        NodesOf(input) is { Length: > PlacementRecord.MaxNodes } nodes ? TooManyNodes(nodes.Length) : null;

    private static string[] NodesOf(PlacementInput input) =>
        [.. input.Nodes.Select(n => n.Name).Concat(input.Services.Select(s => s.Node)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string TooManyNodes(int count) =>
        $"HA placement is not simulated: the services and nodes name {count} nodes, more than the {PlacementRecord.MaxNodes} it handles";

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
    /// <remarks>
    /// The CRM runs when a placement is first read, not here: a large cluster's simulation makes thousands of plans,
    /// and a scan reads the placements of few of them (<see cref="RecoveryPlan.Prepare"/> runs it now). Safe from
    /// several threads at once: each run has a workspace of its own. The plan keeps a small record per service the
    /// failure touched; reasons are written when first read, by running the scenario again with the selection traces
    /// recorded (the simulation is deterministic, and most reasons are never read).
    /// </remarks>
    public RecoveryPlan Fail(IReadOnlyList<IReadOnlyCollection<string>> waves) =>
        new(FailedNodes(waves), Scheduler, new PlacementList(this, waves), Notes);

    /// <summary>The nodes of the waves that the simulation knows, each once, in wave order (what <see cref="Run"/> fails).</summary>
    private ImmutableArray<string> FailedNodes(IReadOnlyList<IReadOnlyCollection<string>> waves)
    {
        var failed = ImmutableArray.CreateBuilder<string>();
        var down = new bool[nodes.Length];
        foreach (var wave in waves)
            foreach (var n in NewlyDown(wave, down)) failed.Add(nodes[n]);
        return failed.DrainToImmutable();
    }

    /// <summary>The nodes of <paramref name="wave"/> that the simulation knows and that are not <paramref name="down"/> yet, now marked down.</summary>
    private List<int> NewlyDown(IReadOnlyCollection<string> wave, bool[] down)
    {
        var now = new List<int>();
        foreach (var name in wave)
        {
            if (!nodeIndex.TryGetValue(name, out var n) || down[n]) continue;
            down[n] = true;
            now.Add(n);
        }
        return now;
    }

    /// <summary>What became of the services the scenario touches, in service order (the CRM's run for a plan).</summary>
    internal PlacementRecord[] Records(IReadOnlyList<IReadOnlyCollection<string>> waves) => Run(waves, explain: false).Records;

    /// <summary>Step every service in every CRM pass, as the CRM does, instead of only those a failure can move (for tests).</summary>
    internal bool Exhaustive { get; }

    internal int ServiceCount => steady.Count;

    internal int IndexOf(string sid) => serviceIndex.TryGetValue(sid, out var s) ? s : -1;

    /// <summary>The reason of every service the scenario touches, by service index: the scenario again, with traces.</summary>
    internal Dictionary<int, PendingReason> Explain(IReadOnlyList<IReadOnlyCollection<string>> waves) => Run(waves, explain: true).Reasons!;

    /// <summary>The placement a scenario's record stands for; <paramref name="reason"/> writes its reason when read.</summary>
    internal ServicePlacement Placement(PlacementRecord record, Func<string> reason) =>
        new(steady.Sids[record.Service], nodes[steady.Node[record.Service]], record.To >= 0 ? nodes[record.To] : null, record.Outcome,
            reason, StateName(record.State), nodes[record.CrmNode]);

    /// <summary>Where the steady state has a service that a scenario does not touch (shared by every scenario).</summary>
    internal ServicePlacement Unaffected(int s) => unaffected.Value[s];

    /// <summary>What <see cref="Placement"/> would say of where the service is, without making the placement.</summary>
    internal ServiceDestination Destination(PlacementRecord record) =>
        new(steady.Sids[record.Service], record.To >= 0 ? nodes[record.To] : null, record.Outcome);

    /// <summary>What <see cref="Unaffected"/> says of where the service is, without making the placement.</summary>
    internal ServiceDestination UnaffectedDestination(int s) =>
        new(steady.Sids[s], Present(steady.State[s]) ? nodes[steady.Node[s]] : null, PlacementOutcome.Unaffected);

    private (PlacementRecord[] Records, Dictionary<int, PendingReason>? Reasons) Run(
        IReadOnlyList<IReadOnlyCollection<string>> waves, bool explain)
    {
        // A steady state that does not settle breaks the premise of stepping only what a failure touches.
        if (!workspaces.TryTake(out var crm)) crm = new CrmRounds(steady, newUsage, rules, exhaustive: Exhaustive || unstableAtSteadyState.Length > 0);
        crm.RecordTraces = explain;
        try
        {
            var down = new bool[nodes.Length];
            var unstable = new HashSet<int>();
            foreach (var wave in waves)
            {
                crm.FailNodes(NewlyDown(wave, down));
                for (var round = 0; round < RoundsBeforeFencing; round++)
                    if (!crm.Round(fenceDelayElapsed: false) && !crm.HasPendingLrmResults()) break;
                unstable.UnionWith(Settle(crm, fenceDelayElapsed: true));
            }
            // The workspace's own list (it is reset only after this): nothing below touches another service.
            IReadOnlyList<int> touched = crm.Exhaustive ? [.. Enumerable.Range(0, steady.Count)] : crm.Touched;
            var records = new PlacementRecord[touched.Count];
            var reasons = explain ? new Dictionary<int, PendingReason>(touched.Count) : null;
            for (var i = 0; i < touched.Count; i++)
            {
                records[i] = Classify(touched[i], crm, down, unstable.Contains(touched[i]));
                if (reasons is not null) reasons[touched[i]] = Reason(records[i], crm);
            }
            return (records, reasons);
        }
        finally
        {
            crm.Reset();
            workspaces.Add(crm);
        }
    }

    /// <summary>A service the scenario does not touch: where the steady state has it.</summary>
    private ServicePlacement UnaffectedPlacement(int s)
    {
        var node = nodes[steady.Node[s]];
        var state = steady.State[s];
        var sid = steady.Sids[s];
        return new ServicePlacement(sid, node, Present(state) ? node : null, PlacementOutcome.Unaffected, () => reasons.Unaffected(sid, node, state), StateName(state), node);
    }

    /// <summary>Whether a service in this state is on its node: running there, or kept stopped there.</summary>
    private static bool Present(CrmState state) =>
        state is CrmState.Started or CrmState.Migrate or CrmState.RequestStart or CrmState.Stopped or CrmState.RequestStop;

    /// <summary>What became of service <paramref name="s"/>, from the workspace after the scenario settled.</summary>
    private PlacementRecord Classify(int s, CrmRounds crm, bool[] failed, bool unstable)
    {
        var table = crm.Table;
        var from = steady.Node[s];
        var node = table.Node[s];
        var state = table.State[s];
        PlacementRecord Result(int to, PlacementOutcome outcome, CrmState crmState) => new(s, to, outcome, crmState, node);

        if (unstable) return Result(Present(state) ? node : -1, PlacementOutcome.Unstable, state);
        if (!failed[from])
            return node == from ? Result(Present(state) ? node : -1, PlacementOutcome.Unaffected, state) : Result(node, PlacementOutcome.Moved, state);
        if (state == CrmState.Recovery) return Result(-1, PlacementOutcome.NoRecoveryNode, state);
        if (state is CrmState.Error or CrmState.Freeze || services[s].Requested == RequestedState.Disabled || node < 0 || failed[node])
            return Result(-1, PlacementOutcome.NotRecovered, state);
        if (state is CrmState.Stopped or CrmState.RequestStop) return Result(node, PlacementOutcome.RecoveredStopped, state);
        if (input.Storage is not null && !CanStart(s, node)) return Result(-1, PlacementOutcome.StartFailed, CrmState.Error);
        return Result(node, PlacementOutcome.Recovered, state);
    }

    /// <summary>Whether service <paramref name="s"/>, coming from its steady node, can start on <paramref name="node"/> (<see cref="canStart"/>).</summary>
    private bool CanStart(int s, int node)
    {
        var at = s * nodes.Length + node;
        var known = Volatile.Read(ref canStart[at]);
        if (known == 0)
        {
            known = input.Storage!.CanStart(steady.Sids[s], nodes[steady.Node[s]], nodes[node]) ? (byte)1 : (byte)2;
            Volatile.Write(ref canStart[at], known);
        }
        return known == 1;
    }

    /// <summary>The reason of a record, from the traces of a workspace that ran the scenario with them recorded.</summary>
    private PendingReason Reason(PlacementRecord record, CrmRounds crm)
    {
        var s = record.Service;
        var from = nodes[steady.Node[s]];
        var node = nodes[record.CrmNode];
        // Traces are read now: the workspace is reset (and reused) before the reason is.
        var trace = record.Outcome == PlacementOutcome.Moved ? crm.MoveTraces.GetValueOrDefault(s) : crm.RecoveryTraces.GetValueOrDefault(s);
        switch (record.Outcome)
        {
            case PlacementOutcome.NoRecoveryNode:
                var selection = new SelectionTrace();
                var (_, block) = crm.Selector.Select(s, NodePreference.BestScore, crm.Usage, selection);
                return new PendingReason(record, selection, null, block);
            case PlacementOutcome.StartFailed:
                return new PendingReason(record, null, input.Storage!.BlockOn(steady.Sids[s], from, node)!, default);
            case PlacementOutcome.Recovered:
                return new PendingReason(record, trace, input.Storage?.StartNote(steady.Sids[s], from, node), default);
            default:
                return new PendingReason(record, trace, null, default);
        }
    }

    /// <summary>The sentence of a reason a traced run kept (<see cref="Reason"/>).</summary>
    internal string Render(PendingReason pending)
    {
        var record = pending.Record;
        var s = record.Service;
        var sid = steady.Sids[s];
        var from = nodes[steady.Node[s]];
        var node = nodes[record.CrmNode];
        return record.Outcome switch
        {
            PlacementOutcome.Unstable => reasons.Unstable(sid, node),
            PlacementOutcome.Unaffected => reasons.Unaffected(sid, from, record.State),
            PlacementOutcome.Moved => reasons.Moved(sid, from, node, pending.Trace),
            PlacementOutcome.NoRecoveryNode => reasons.NoRecoveryNode(sid, from, pending.Block, pending.Trace!),
            PlacementOutcome.NotRecovered => reasons.NotRecovered(sid, from, steady.State[s], services[s].Requested),
            PlacementOutcome.RecoveredStopped => reasons.Recovered(sid, from, node, pending.Trace, stopped: true, note: null),
            PlacementOutcome.StartFailed => reasons.StartFailed(sid, from, node, (StorageBlock)pending.Detail!, services[s]),
            _ => reasons.Recovered(sid, from, node, pending.Trace, stopped: false, (string?)pending.Detail),
        };
    }

    /// <summary>Runs rounds until one changes nothing and no LRM result is pending; returns the services caught in a cycle.</summary>
    private static ImmutableArray<int> Settle(CrmRounds crm, bool fenceDelayElapsed)
    {
        // The state after each round, by round (a scenario settles in a few rounds: searched one by one, on the stack).
        Span<ulong> seen = stackalloc ulong[MaxRounds];
        for (var round = 0; round < MaxRounds; round++)
        {
            var changed = crm.Round(fenceDelayElapsed);
            if (!changed && !crm.HasPendingLrmResults()) return [];
            var fingerprint = crm.StateHash;
            if (seen[..round].IndexOf(fingerprint) is var first and >= 0) return Cycling(crm, round - first, fenceDelayElapsed);
            seen[round] = fingerprint;
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
