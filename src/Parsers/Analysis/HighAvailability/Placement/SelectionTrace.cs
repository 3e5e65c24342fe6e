namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>What narrowed one <c>select_service_node</c> call, kept for the reason text of a recovery.</summary>
internal sealed class SelectionTrace
{
    /// <summary>The service's node-affinity rule, if any.</summary>
    public CompiledNodeAffinity? Affinity;

    /// <summary>The priority class the node-affinity step kept (meaningful only with <see cref="Affinity"/>).</summary>
    public int Priority;

    /// <summary>Online nodes in the preferred class, before resource affinity.</summary>
    public readonly List<int> Preferred = [];

    /// <summary>Preferred nodes removed because a negative partner uses them.</summary>
    public readonly List<(int Node, Partner Partner)> Separated = [];

    /// <summary>The positive partners' majority node the set was cut to (−1: none) and the partners there.</summary>
    public int PositiveNode = -1;

    public readonly List<Partner> PositivePartners = [];

    /// <summary>The scored candidates in the order the CRM ranks them.</summary>
    public readonly List<(int Node, double Score)> Ranked = [];

    public void Clear()
    {
        Affinity = null;
        Priority = 0;
        Preferred.Clear();
        Separated.Clear();
        PositiveNode = -1;
        PositivePartners.Clear();
        Ranked.Clear();
    }
}
