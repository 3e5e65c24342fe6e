namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>The <c>$node_preference</c> of <c>select_service_node</c>.</summary>
internal enum NodePreference
{
    /// <summary>Every round for a started service: stay unless the rules say otherwise.</summary>
    None,
    /// <summary>Recovery after fencing: the best-scored allowed node.</summary>
    BestScore,
}

/// <summary>Where a selection ended without a node.</summary>
internal enum SelectionBlock
{
    None,
    /// <summary>No node of the service's node-affinity (or no node at all) is online.</summary>
    NodeAffinity,
    /// <summary>Every remaining preferred node holds a negative-affinity partner.</summary>
    NegativeAffinity,
}

/// <summary>
/// <c>PVE::HA::Manager::select_service_node</c> (pve-ha-manager 5.0.8, reference §3.1), step by step, over the
/// simulation's indexed state. Maintenance and <c>try-next</c> are not modelled: the simulation has no maintenance
/// mode and no start failure that the CRM would see (<see cref="RecoverySimulation"/>).
/// </summary>
internal sealed class ServiceNodeSelector
{
    private readonly CompiledRules rules;
    private readonly ServiceTable table;
    private readonly int[] together;
    private readonly bool[] separate;
    private readonly bool[] allowed;
    private readonly bool[] preferred;
    private readonly double[] scores;

    public ServiceNodeSelector(CompiledRules rules, ServiceTable table)
    {
        this.rules = rules;
        this.table = table;
        var nodes = table.NodeNames.Length;
        together = new int[nodes];
        separate = new bool[nodes];
        allowed = new bool[nodes];
        preferred = new bool[nodes];
        scores = new double[nodes];
    }

    /// <summary>The chosen node index, or −1 with the step that left no candidate. Fills <paramref name="trace"/> if given.</summary>
    public (int Node, SelectionBlock Block) Select(int service, NodePreference preference, NodeUsage usage, SelectionTrace? trace = null)
    {
        var nodeCount = preferred.Length;
        var current = table.Node[service];
        trace?.Clear();

        // Without rules every online node is allowed and preferred: a started service stays on its (online) node
        // at step 3 or 7, and any other selection is the best score. Most services have no rules, and a site loss
        // recovers thousands of them, so this path skips the rule steps.
        if (rules.NodeAffinity[service] is null && rules.Positive[service].Length == 0 && rules.Negative[service].Length == 0)
        {
            if (preference == NodePreference.None && current >= 0 && usage.IsOnline(current))
                return (current, SelectionBlock.None);
            return BestScored(service, usage, trace);
        }

        // 1. node affinity: allowed = the rule's online nodes; preferred = the highest priority class among them
        Array.Clear(allowed);
        Array.Clear(preferred);
        var any = false;
        if (rules.NodeAffinity[service] is { } affinity)
        {
            var highest = int.MinValue;
            foreach (var (n, priority) in affinity.Nodes)
            {
                if (!usage.IsOnline(n)) continue;
                allowed[n] = true;
                highest = Math.Max(highest, priority);
            }
            foreach (var (n, priority) in affinity.Nodes)
                if (allowed[n] && priority == highest) preferred[n] = any = true;
            if (trace is not null)
            {
                trace.Affinity = affinity;
                trace.Priority = highest;
            }
        }
        else
        {
            for (var n = 0; n < nodeCount; n++)
                if (usage.IsOnline(n)) allowed[n] = preferred[n] = any = true;
        }
        if (trace?.Affinity is not null)
            for (var n = 0; n < nodeCount; n++)
                if (preferred[n]) (trace.Preferred ??= []).Add(n);
        if (!any) return (-1, SelectionBlock.NodeAffinity);

        // 2. resource affinity from the nodes the partners use
        Array.Clear(together);
        Array.Clear(separate);
        foreach (var p in rules.Positive[service])
        {
            var (c, t) = table.UsedNodes(p.Service, usage);
            if (c >= 0) together[c]++;
            if (t >= 0) together[t]++;
        }
        foreach (var p in rules.Negative[service])
        {
            var (c, t) = table.UsedNodes(p.Service, usage);
            if (c >= 0) separate[c] = true;
            if (t >= 0) separate[t] = true;
        }

        // 3. stay early: no failback, and the current node is allowed and permitted by resource affinity
        if (preference == NodePreference.None && !table.Failback[service] && current >= 0 && allowed[current]
            && (together[current] > 0 || !separate[current]))
            return (current, SelectionBlock.None);

        // 5. negative affinity removes nodes; positive affinity cuts the rest to the partners' majority node
        for (var n = 0; n < nodeCount; n++)
        {
            if (!separate[n] || !preferred[n]) continue;
            preferred[n] = false;
            if (trace is not null) RecordSeparation(trace, service, n, usage);
        }
        var majority = -1;
        for (var n = 0; n < nodeCount; n++) // name order, so a tie goes to the first name
            if (preferred[n] && together[n] > 0 && (majority < 0 || together[n] > together[majority])) majority = n;
        if (majority >= 0)
        {
            Array.Clear(preferred);
            preferred[majority] = true;
            if (trace is not null) RecordMajority(trace, service, majority, usage);
        }

        // 7. a started service stays where it is preferred
        if (preference == NodePreference.None && current >= 0 && preferred[current]) return (current, SelectionBlock.None);

        // 8. the lowest score wins, then the first node name
        var best = -1;
        var scored = false;
        for (var n = 0; n < nodeCount; n++)
        {
            if (!preferred[n]) continue;
            if (!scored)
            {
                usage.Score(service, scores);
                scored = true;
            }
            if (best < 0 || scores[n] < scores[best]) best = n; // name order: an equal score keeps the earlier name
        }
        if (best < 0) return (-1, SelectionBlock.NegativeAffinity);
        if (trace is not null)
        {
            for (var n = 0; n < nodeCount; n++)
                if (preferred[n]) trace.Rank(n, scores[n]);
        }
        return (best, SelectionBlock.None);
    }

    /// <summary>Step 8 over every online node: the lowest score, then the first name.</summary>
    private (int Node, SelectionBlock Block) BestScored(int service, NodeUsage usage, SelectionTrace? trace)
    {
        var best = -1;
        for (var n = 0; n < scores.Length; n++)
        {
            if (!usage.IsOnline(n)) continue;
            if (best < 0) usage.Score(service, scores); // only with a node to score: the static scheduler needs one
            trace?.Rank(n, scores[n]);
            if (best < 0 || scores[n] < scores[best]) best = n;
        }
        return best < 0 ? (-1, SelectionBlock.NodeAffinity) : (best, SelectionBlock.None);
    }

    private void RecordSeparation(SelectionTrace trace, int service, int node, NodeUsage usage)
    {
        foreach (var p in rules.Negative[service])
        {
            var (c, t) = table.UsedNodes(p.Service, usage);
            if (c != node && t != node) continue;
            (trace.Separated ??= []).Add((node, p));
            return;
        }
    }

    private void RecordMajority(SelectionTrace trace, int service, int node, NodeUsage usage)
    {
        trace.PositiveNode = node;
        foreach (var p in rules.Positive[service])
        {
            var (c, t) = table.UsedNodes(p.Service, usage);
            if (c == node || t == node) (trace.PositivePartners ??= []).Add(p);
        }
    }
}
