using System.Collections.Immutable;

namespace PveLint.Analysis.HighAvailability.Rules;

/// <summary>
/// The node affinity the scheduler sees for one resource (NodeAffinity.pm <c>plugin_compile</c>): the rule's nodes
/// with their priorities and, for a non-strict rule, every other known node with priority -1.
/// </summary>
public sealed record CompiledNodeAffinity(HaRuleDefinition Rule, ImmutableSortedDictionary<string, int> Nodes)
{
    public string RuleId => Rule.Id;

    public bool Strict => Rule.Strict;

    /// <summary>The nodes the rule itself lists (priority ≥ 0).</summary>
    public IEnumerable<string> DeclaredNodes => Rule.Nodes.Keys;
}
