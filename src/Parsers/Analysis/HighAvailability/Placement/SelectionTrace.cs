namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>
/// What narrowed one <c>select_service_node</c> call, kept for the reason text of a recovery. A large cluster's
/// simulation keeps one per recovered service and scenario, so it holds only what the reason names: the lists stay
/// unallocated unless a rule narrowed the choice, and of the ranking only the two best candidates are kept.
/// </summary>
internal sealed class SelectionTrace
{
    /// <summary>The service's node-affinity rule, if any.</summary>
    public CompiledNodeAffinity? Affinity;

    /// <summary>The priority class the node-affinity step kept (meaningful only with <see cref="Affinity"/>).</summary>
    public int Priority;

    /// <summary>Online nodes in the preferred class, before resource affinity (recorded only with <see cref="Affinity"/>).</summary>
    public List<int>? Preferred;

    /// <summary>Preferred nodes removed because a negative partner uses them.</summary>
    public List<(int Node, Partner Partner)>? Separated;

    /// <summary>The positive partners' majority node the set was cut to (−1: none) and the partners there.</summary>
    public int PositiveNode = -1;

    public List<Partner>? PositivePartners;

    /// <summary>How many candidates were scored.</summary>
    public int RankedCount;

    /// <summary>The best and second-best scored candidates, in the CRM's order (lowest score, then first name).</summary>
    public (int Node, double Score) Best, Next;

    public void Clear()
    {
        Affinity = null;
        Priority = 0;
        Preferred?.Clear();
        Separated?.Clear();
        PositiveNode = -1;
        PositivePartners?.Clear();
        RankedCount = 0;
        Best = Next = default;
    }

    /// <summary>Offers a scored candidate; candidates come in node-name order, so an equal score keeps the earlier one.</summary>
    public void Rank(int node, double score)
    {
        if (RankedCount++ == 0) Best = (node, score);
        else if (score < Best.Score)
        {
            Next = Best;
            Best = (node, score);
        }
        else if (RankedCount == 2 || score < Next.Score) Next = (node, score);
    }
}
