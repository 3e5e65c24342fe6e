using System.Collections;
using System.Runtime.InteropServices;

namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>
/// What became of one service in a scenario, in 10 bytes (nodes as 16-bit indexes plus one, so that −1 is 0; the two
/// enums are bytes; packed to 2-byte alignment): the goal cluster's simulation keeps more than a million.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 2)]
internal readonly struct PlacementRecord
{
    /// <summary>The most nodes a record can name (<see cref="RecoverySimulation"/> refuses more).</summary>
    public const int MaxNodes = ushort.MaxValue - 1;

    private readonly int _service;
    private readonly ushort _to;
    private readonly ushort _crmNode;
    private readonly PlacementOutcome _outcome;
    private readonly CrmState _state;

    /// <param name="to">The node it runs on (or is kept stopped on) afterwards, −1 for none.</param>
    /// <param name="crmNode">The node manager_status would show for it (−1 for none).</param>
    public PlacementRecord(int service, int to, PlacementOutcome outcome, CrmState state, int crmNode)
    {
        _service = service;
        _to = (ushort)(to + 1);
        _crmNode = (ushort)(crmNode + 1);
        _outcome = outcome;
        _state = state;
    }

    public int Service => _service;

    public int To => _to - 1;

    public PlacementOutcome Outcome => _outcome;

    public CrmState State => _state;

    public int CrmNode => _crmNode - 1;
}

/// <summary>
/// Every service's placement in one scenario without a copy per scenario: the steady-state placements, shared by all
/// scenarios, overlaid with records of the few the scenario touched (in service order). Placements are made when
/// read; their reasons come from running the scenario once more with traces, on the first read of any of them.
/// </summary>
internal sealed class PlacementList(RecoverySimulation simulation, IReadOnlyList<IReadOnlyCollection<string>> waves)
    : IReadOnlyList<ServicePlacement>
{
    // The CRM's run, on the first read of any placement (RecoveryPlan.Prepare runs it sooner).
    private readonly Lazy<PlacementRecord[]> touched = new(() => simulation.Records(waves));
    private readonly Lazy<Dictionary<int, PendingReason>> reasons = new(() => simulation.Explain(waves));

    private PlacementRecord[] Records => touched.Value;

    public int Count => simulation.ServiceCount;

    public ServicePlacement this[int index]
    {
        get
        {
            var records = Records;
            var at = Locate(records, index);
            return at >= 0 ? Placement(records[at]) : simulation.Unaffected(index);
        }
    }

    /// <summary>The placements whose outcome is not <see cref="PlacementOutcome.Unaffected"/>, in sid order.</summary>
    public IEnumerable<ServicePlacement> Affected => WithOutcome(~(1 << (int)PlacementOutcome.Unaffected));

    /// <summary>The placements with one of <paramref name="outcomes"/> (flags by outcome), in sid order; no placement is made for the others.</summary>
    public IEnumerable<ServicePlacement> WithOutcome(int outcomes)
    {
        foreach (var record in Records)
            if ((outcomes & (1 << (int)record.Outcome)) != 0) yield return Placement(record);
    }

    /// <summary>Every service's sid, node afterwards and outcome, in sid order, without making a placement for any.</summary>
    public IEnumerable<ServiceDestination> Destinations
    {
        get
        {
            var (records, next) = (Records, 0);
            for (var i = 0; i < Count; i++)
                yield return next < records.Length && records[next].Service == i ? simulation.Destination(records[next++]) : simulation.UnaffectedDestination(i);
        }
    }

    /// <summary>Runs the scenario now instead of on the first read of a placement.</summary>
    public void Prepare() => _ = touched.Value;

    /// <summary>Runs the scenario with traces now instead of on the first read of a reason.</summary>
    public void PrepareReasons() => _ = reasons.Value;

    public ServicePlacement? Find(string sid) => simulation.IndexOf(sid) is var index and >= 0 ? this[index] : null;

    public IEnumerator<ServicePlacement> GetEnumerator()
    {
        var (records, next) = (Records, 0);
        for (var i = 0; i < Count; i++)
        {
            if (next < records.Length && records[next].Service == i) yield return Placement(records[next++]);
            else yield return simulation.Unaffected(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ServicePlacement Placement(PlacementRecord record) => simulation.Placement(record, () => simulation.Render(reasons.Value[record.Service]));

    private static int Locate(PlacementRecord[] records, int service)
    {
        int low = 0, high = records.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (records[mid].Service == service) return mid;
            if (records[mid].Service < service) low = mid + 1;
            else high = mid - 1;
        }
        return -1;
    }
}
