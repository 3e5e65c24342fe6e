using System.Collections.Immutable;

namespace PveLint.Analysis.HighAvailability.Rules;

/// <summary>
/// The node affinity the scheduler sees for one resource (NodeAffinity.pm <c>plugin_compile</c>): the rule's nodes
/// with their priorities and, for a non-strict rule, every other known node with priority -1.
/// </summary>
/// <param name="KnownNodes">The nodes the CRM knows, which a non-strict rule widens to.</param>
public sealed record CompiledNodeAffinity(HaRuleDefinition Rule, ImmutableArray<string> KnownNodes)
{
    public string RuleId => Rule.Id;

    public bool Strict => Rule.Strict;

    /// <summary>The nodes the rule itself lists (priority ≥ 0).</summary>
    public IEnumerable<string> DeclaredNodes => Rule.Nodes.Keys;

    /// <summary>
    /// Every node the scheduler may use, with its priority. Made when asked (the HA tester comparisons ask): a large
    /// cluster has thousands of non-strict rules, each widened to every node.
    /// </summary>
    public ImmutableSortedDictionary<string, int> Nodes
    {
        get
        {
            if (Strict) return Rule.Nodes;
            var widened = Rule.Nodes.ToBuilder();
            foreach (var node in KnownNodes) widened.TryAdd(node, -1);
            return widened.ToImmutable();
        }
    }
}
