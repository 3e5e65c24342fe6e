using PveLint.Model;

namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>The node-affinity of one service after <c>plugin_compile</c>: node index → priority, and the rule's name.</summary>
internal sealed record CompiledNodeAffinity(string RuleId, bool Strict, (int Node, int Priority)[] Nodes, string[] UnknownNodes);

/// <summary>A resource-affinity partner of a service and the rule that makes it one.</summary>
internal readonly record struct Partner(int Service, string RuleId);

/// <summary>
/// <c>PVE::HA::Rules->compile</c> over indexed nodes and services (reference §2.3 step 4): node-affinity becomes
/// sid → nodes with priorities (a non-strict rule adds every other known node at −1), resource-affinity becomes
/// pairwise partner lists. Resources that are not HA services and nodes the cluster does not know are ignored, as
/// the CRM ignores them (a node that is not known is never online).
/// </summary>
internal sealed class CompiledRules
{
    public readonly CompiledNodeAffinity?[] NodeAffinity;
    public readonly Partner[][] Positive;
    public readonly Partner[][] Negative;

    public CompiledRules(IReadOnlyList<PlacementRule> rules, IReadOnlyDictionary<string, int> nodeIndex, IReadOnlyDictionary<string, int> serviceIndex)
    {
        var services = serviceIndex.Count;
        NodeAffinity = new CompiledNodeAffinity?[services];
        var positive = new Dictionary<int, Partner>[services];
        var negative = new Dictionary<int, Partner>[services];

        foreach (var rule in rules)
        {
            var members = rule.Resources.Distinct(StringComparer.Ordinal)
                .Select(sid => serviceIndex.TryGetValue(sid, out var s) ? s : -1).Where(s => s >= 0).ToArray();
            if (rule.Type == HaRuleType.NodeAffinity)
            {
                var compiled = CompileNodes(rule, nodeIndex);
                // Later rules overwrite earlier ones, as plugin_compile's hash assignment does; the feasibility
                // checks (C1) leave at most one node-affinity rule per resource anyway.
                foreach (var s in members) NodeAffinity[s] = compiled;
                continue;
            }
            var set = rule.Positive ? positive : negative;
            foreach (var s in members)
                foreach (var p in members)
                    if (p != s) (set[s] ??= [])[p] = new Partner(p, rule.Id);
        }

        Positive = [.. positive.Select(Sorted)];
        Negative = [.. negative.Select(Sorted)];
    }

    private static Partner[] Sorted(Dictionary<int, Partner>? partners) =>
        partners is null ? [] : [.. partners.Values.OrderBy(p => p.Service)];

    private static CompiledNodeAffinity CompileNodes(PlacementRule rule, IReadOnlyDictionary<string, int> nodeIndex)
    {
        // By node index, so the pairs come out in node order without a sort (thousands of rules, each of every node).
        var priorities = new int?[nodeIndex.Count];
        List<string>? unknown = null;
        foreach (var n in rule.Nodes)
        {
            if (nodeIndex.TryGetValue(n.Node, out var i)) priorities[i] = n.Priority; // a repeated node: the last entry wins
            else (unknown ??= []).Add(n.Node);
        }
        if (!rule.Strict)
            for (var i = 0; i < priorities.Length; i++) priorities[i] ??= -1;
        var pairs = new (int, int)[priorities.Count(p => p is not null)];
        var at = 0;
        for (var i = 0; i < priorities.Length; i++)
            if (priorities[i] is { } priority) pairs[at++] = (i, priority);
        return new CompiledNodeAffinity(rule.Id, rule.Strict, pairs, unknown is null ? [] : [.. unknown]);
    }
}
