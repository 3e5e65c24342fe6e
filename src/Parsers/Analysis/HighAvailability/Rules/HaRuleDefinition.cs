using System.Collections.Immutable;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Analysis.HighAvailability.Rules;

public enum ResourceAffinityKind
{
    Positive,
    Negative,
}

/// <summary>Where a rule the HA core works with comes from.</summary>
public enum HaRuleOrigin
{
    /// <summary>A section of ha/rules.cfg.</summary>
    RulesFile,

    /// <summary><c>ha-group-&lt;g&gt;</c>, made from groups.cfg by the HA core every CRM round (§1.5).</summary>
    MigratedGroup,

    /// <summary><c>_merged-&lt;id&gt;-...</c>: overlapping positive rules the HA core merged (§2.3).</summary>
    MergedPositive,

    /// <summary><c>_implicit-negative-&lt;pos&gt;-&lt;sid&gt;-&lt;csid&gt;</c>: a negative pair implied by a positive group.</summary>
    ImplicitNegative,
}

/// <summary>
/// One HA rule as pve-ha-manager holds it in memory (<c>$rules->{ids}->{id}</c> plus its <c>order</c>):
/// resources and nodes are sets (PVE keeps hashes), <see cref="Disabled"/> is the presence of the <c>disable</c>
/// key. <see cref="Rule"/> or <see cref="Group"/> says where it was written, for findings.
/// </summary>
public sealed record HaRuleDefinition(
    string Id,
    HaRuleType Type,
    ResourceAffinityKind? Affinity,
    ImmutableSortedSet<string> Resources,
    ImmutableSortedDictionary<string, int> Nodes,
    bool Strict,
    bool Disabled,
    int Order,
    HaRuleOrigin Origin)
{
    /// <summary>The rules.cfg section, for <see cref="HaRuleOrigin.RulesFile"/>.</summary>
    public HaRule? Rule { get; init; }

    /// <summary>The groups.cfg section, for <see cref="HaRuleOrigin.MigratedGroup"/>.</summary>
    public HaGroup? Group { get; init; }

    /// <summary>The rules a <see cref="HaRuleOrigin.MergedPositive"/> or implicit rule was made from.</summary>
    public ImmutableArray<string> MadeFrom { get; init; } = [];

    public bool IsNodeAffinity => Type == HaRuleType.NodeAffinity;

    public bool IsPositive => Affinity == ResourceAffinityKind.Positive;

    public bool IsNegative => Affinity == ResourceAffinityKind.Negative;

    /// <summary>The header of the section the rule was written in (rules.cfg, or the group in groups.cfg).</summary>
    public SourceSpan? Span => Rule?.Section.HeaderSpan ?? Group?.Section.HeaderSpan;

    /// <summary>Node-affinity with more than one distinct priority (Rules.pm <c>$has_multiple_priorities</c>).</summary>
    public bool HasMultiplePriorities
    {
        get
        {
            // Asked of every node-affinity rule by several checks: no query per call.
            int? first = null;
            foreach (var (_, priority) in Nodes)
            {
                if (first is null) first = priority;
                else if (priority != first) return true;
            }
            return false;
        }
    }

    /// <summary>"node-affinity rule 'x'" or "positive resource-affinity rule 'y'", "rule 'ha-group-g' (from HA group 'g')".</summary>
    public string Describe() => Origin switch
    {
        HaRuleOrigin.MigratedGroup => $"node-affinity rule '{Id}' (the HA core's copy of HA group '{Group?.Id.Value}')",
        HaRuleOrigin.MergedPositive => $"merged positive rule '{Id}'",
        HaRuleOrigin.ImplicitNegative => $"implicit negative rule '{Id}'",
        _ => Type == HaRuleType.NodeAffinity ? $"node-affinity rule '{Id}'" : $"{(IsPositive ? "positive" : "negative")} resource-affinity rule '{Id}'",
    };

    /// <summary>A rules.cfg section as the HA core reads it.</summary>
    public static HaRuleDefinition From(HaRule rule) => new(
        rule.Id.Value,
        rule.Type,
        rule.Type == HaRuleType.ResourceAffinity ? (rule.IsPositive ? ResourceAffinityKind.Positive : ResourceAffinityKind.Negative) : null,
        ResourceSet(rule.Resources),
        NodeMap(rule.Nodes),
        rule.Strict,
        rule.Disabled,
        rule.Order,
        HaRuleOrigin.RulesFile) { Rule = rule };

    // Built with builders, not LINQ: every rule of rules.cfg (thousands in a large cluster) is read this way.
    private static ImmutableSortedSet<string> ResourceSet(ImmutableArray<Located<string>> resources)
    {
        var set = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var resource in resources) set.Add(resource.Value);
        return set.ToImmutable();
    }

    private static ImmutableSortedDictionary<string, int> NodeMap(ImmutableArray<NodePriority> nodes)
    {
        if (nodes.IsEmpty) return EmptyNodes;
        var map = ImmutableSortedDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        foreach (var node in nodes) map.Add(node.Node.Value, node.Priority);
        return map.ToImmutable();
    }

    private static readonly ImmutableSortedDictionary<string, int> EmptyNodes = ImmutableSortedDictionary.Create<string, int>(StringComparer.Ordinal);

    public bool SharesResourceWith(IEnumerable<string> resources) => resources.Any(Resources.Contains);
}
