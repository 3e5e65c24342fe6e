namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>
/// The CRM's service status (<c>$ss</c>) for every service, indexed: services in sid order and nodes in name
/// order (Perl's string <c>sort</c>, which the CRM uses for both), so that loops over indices run in the CRM's order.
/// </summary>
internal sealed class ServiceTable
{
    public readonly string[] NodeNames;
    public readonly string[] Sids;
    public readonly RequestedState[] Requested;
    public readonly bool[] Failback;
    public readonly CrmState[] State;
    public readonly int[] Node;
    public readonly int[] Target;
    /// <summary>The LRM has finished the service's pending action (migration, stop) since the last CRM round.</summary>
    public readonly bool[] LrmDone;

    public ServiceTable(string[] nodeNames, string[] sids, RequestedState[] requested, bool[] failback, CrmState[] state, int[] node)
    {
        NodeNames = nodeNames;
        Sids = sids;
        Requested = requested;
        Failback = failback;
        State = state;
        Node = node;
        Target = new int[sids.Length];
        Array.Fill(Target, -1);
        LrmDone = new bool[sids.Length];
    }

    private ServiceTable(ServiceTable other)
    {
        NodeNames = other.NodeNames;
        Sids = other.Sids;
        Requested = other.Requested;
        Failback = other.Failback;
        State = (CrmState[])other.State.Clone();
        Node = (int[])other.Node.Clone();
        Target = (int[])other.Target.Clone();
        LrmDone = (bool[])other.LrmDone.Clone();
    }

    public ServiceTable Clone() => new(this);

    public int Count => Sids.Length;

    public (int Current, int Target) UsedNodes(int service, NodeUsage usage) =>
        NodeUsage.UsedNodes(usage.OnlineNodes, State[service], Node[service], Target[service]);
}
