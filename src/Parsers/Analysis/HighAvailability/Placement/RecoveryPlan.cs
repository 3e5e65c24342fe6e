using System.Collections.Immutable;

namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>What became of one HA service in a failure scenario. The names are stable (JSON output uses them).</summary>
public enum PlacementOutcome : byte
{
    /// <summary>Its node survived and the CRM left it where it was.</summary>
    Unaffected,
    /// <summary>Its node survived but the CRM migrated it (the rules re-evaluated without the failed nodes).</summary>
    Moved,
    /// <summary>Its node failed; the CRM recovered it to <see cref="ServicePlacement.To"/> and started it there.</summary>
    Recovered,
    /// <summary>Its node failed; requested <c>stopped</c>, it was recovered to <see cref="ServicePlacement.To"/> and kept stopped.</summary>
    RecoveredStopped,
    /// <summary>Its node failed and no node qualifies: it stays in <c>recovery</c> and the CRM retries every round.</summary>
    NoRecoveryNode,
    /// <summary>Recovered to a node that cannot reach its disks: the start fails there and it ends in <c>error</c>.</summary>
    StartFailed,
    /// <summary>Its node failed but the CRM does not recover it (requested <c>disabled</c>, or in <c>error</c> or <c>freeze</c>).</summary>
    NotRecovered,
    /// <summary>The CRM keeps moving it between nodes (positive affinity ping-pong, fixed in pve-ha-manager 5.1.0).</summary>
    Unstable,
}

/// <summary>
/// One service's fate in a scenario, for the simulation's verdicts.
/// </summary>
/// <param name="Sid">The HA resource id (<c>vm:100</c>).</param>
/// <param name="From">The node it ran on (or was kept stopped on) in the steady state before the failure.</param>
/// <param name="To">The node it runs on (or is kept stopped on) afterwards; null when it runs nowhere.</param>
/// <param name="Outcome">The class of fate.</param>
/// <param name="CrmState">The CRM state at the end (<c>started</c>, <c>stopped</c>, <c>recovery</c>, <c>error</c>, …), as manager_status would show it.</param>
/// <param name="CrmNode">The node manager_status would show for it at the end (for <see cref="PlacementOutcome.NoRecoveryNode"/> the failed node).</param>
public sealed record ServicePlacement(
    string Sid,
    string From,
    string? To,
    PlacementOutcome Outcome,
    string CrmState,
    string CrmNode)
{
    // Written only when read, and not kept: a large cluster's simulation holds thousands of scenarios × their
    // services, and reasons are read for few of them.
    private readonly Func<string> _reason = static () => string.Empty;

    public ServicePlacement(string sid, string from, string? to, PlacementOutcome outcome, Func<string> reason, string crmState, string crmNode)
        : this(sid, from, to, outcome, crmState, crmNode) => _reason = reason;

    /// <summary>One sentence naming the nodes, rules, partners and scores behind the outcome.</summary>
    public string Reason => _reason();

    public bool Equals(ServicePlacement? other) =>
        other is not null && (Sid, From, To, Outcome, CrmState, CrmNode, Reason) == (other.Sid, other.From, other.To, other.Outcome, other.CrmState, other.CrmNode, other.Reason);

    public override int GetHashCode() => HashCode.Combine(Sid, From, To, Outcome, CrmState, CrmNode);
}

/// <summary>A service's node after a scenario (null: it runs nowhere) and its outcome.</summary>
public readonly record struct ServiceDestination(string Sid, string? To, PlacementOutcome Outcome);

/// <summary>
/// The result of one failure scenario: every HA service in sid order (<see cref="Services"/>), and the ones the
/// failure changed (<see cref="Affected"/>), which is what most readers want in a large cluster.
/// </summary>
/// <param name="FailedNodes">The failed (fenced) nodes, in the order of the waves they failed in.</param>
/// <param name="Scheduler">The scheduler the CRM really used (static falls back to basic without node capacities).</param>
/// <param name="Notes">Assumptions the result rests on (scheduler fallback, unstable steady state, …).</param>
public sealed record RecoveryPlan(
    ImmutableArray<string> FailedNodes,
    CrsScheduler Scheduler,
    IReadOnlyList<ServicePlacement> Services,
    ImmutableArray<string> Notes)
{
    public ServicePlacement? Service(string sid) =>
        Services is PlacementList list ? list.Find(sid) : Services.FirstOrDefault(s => s.Sid == sid);

    /// <summary>
    /// Where every service is afterwards, in sid order, without its reason or CRM state: what readers that go through
    /// every service of every scenario need (a placement each would be millions of objects for a large cluster).
    /// </summary>
    public IEnumerable<ServiceDestination> Destinations =>
        Services is PlacementList list ? list.Destinations : Services.Select(s => new ServiceDestination(s.Sid, s.To, s.Outcome));

    /// <summary>The services whose outcome is not <see cref="PlacementOutcome.Unaffected"/>, in sid order.</summary>
    public IEnumerable<ServicePlacement> Affected =>
        Services is PlacementList list ? list.Affected : Services.Where(s => s.Outcome != PlacementOutcome.Unaffected);

    /// <summary>Runs the CRM for this scenario now (on every core, say), instead of on the first read of a placement; nothing to do for a plan that holds its placements.</summary>
    public void Prepare()
    {
        if (Services is PlacementList list) list.Prepare();
    }

    /// <summary>
    /// Works out the reasons now (the scenario runs once more with traces), so that readers who later go through
    /// many plans one by one find them ready; nothing to do for a plan that holds its placements.
    /// </summary>
    public void PrepareReasons()
    {
        if (Services is PlacementList list) list.PrepareReasons();
    }

    /// <summary>Services that ran on a failed node and run nowhere now.</summary>
    public IEnumerable<ServicePlacement> Stranded => Services is PlacementList list
        ? list.WithOutcome(1 << (int)PlacementOutcome.NoRecoveryNode | 1 << (int)PlacementOutcome.StartFailed | 1 << (int)PlacementOutcome.NotRecovered)
        : Affected.Where(s => s.Outcome is PlacementOutcome.NoRecoveryNode or PlacementOutcome.StartFailed or PlacementOutcome.NotRecovered);
}
