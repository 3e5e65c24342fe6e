namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>
/// The CRM's online-node usage (<c>PVE::HA::Usage</c>): which online node each service loads, by its state
/// (<c>get_used_service_nodes</c>, reference §3.1 step 2), and the score of every online node for starting a
/// service there (lower is better). Offline nodes carry no usage.
/// </summary>
internal abstract class NodeUsage
{
    protected readonly bool[] Online;
    private readonly int[] current;
    private readonly int[] target;

    protected NodeUsage(bool[] online, int services)
    {
        Online = online;
        current = new int[services];
        target = new int[services];
        Array.Fill(current, -1);
        Array.Fill(target, -1);
    }

    public bool IsOnline(int node) => Online[node];

    public bool[] OnlineNodes => Online;

    public int NodeCount => Online.Length;

    /// <summary>The online nodes a service in this state loads: its node, and its migration target.</summary>
    public static (int Current, int Target) UsedNodes(bool[] online, CrmState state, int node, int migrationTarget)
    {
        if (state is CrmState.Stopped or CrmState.RequestStart) return (-1, -1);
        var c = node >= 0 && online[node] ? node : -1;
        var t = state == CrmState.Migrate && migrationTarget >= 0 && online[migrationTarget] ? migrationTarget : -1;
        return (c, t);
    }

    public void Add(int service, CrmState state, int node, int migrationTarget)
    {
        var (c, t) = UsedNodes(Online, state, node, migrationTarget);
        current[service] = c;
        target[service] = t;
        if (c >= 0) AddTo(c, service);
        if (t >= 0) AddTo(t, service);
    }

    public void Remove(int service)
    {
        if (current[service] >= 0) RemoveFrom(current[service], service);
        if (target[service] >= 0) RemoveFrom(target[service], service);
        current[service] = target[service] = -1;
    }

    protected abstract void AddTo(int node, int service);

    protected abstract void RemoveFrom(int node, int service);

    /// <summary>Scores every online node for starting <paramref name="service"/> (offline nodes: NaN).</summary>
    public abstract void Score(int service, double[] scores);
}

/// <summary><c>PVE::HA::Usage::Basic</c>: a node's score is the number of services counted on it.</summary>
internal sealed class BasicUsage(bool[] online, int services) : NodeUsage(online, services)
{
    private readonly int[] counts = new int[online.Length];

    protected override void AddTo(int node, int service) => counts[node]++;

    protected override void RemoveFrom(int node, int service) => counts[node]--;

    public override void Score(int service, double[] scores)
    {
        for (var n = 0; n < counts.Length; n++) scores[n] = Online[n] ? counts[n] : double.NaN;
    }
}
