using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.HighAvailability.Rules;

/// <summary>
/// What the HA core makes of the configured rules (<c>PVE::HA::Rules->transform</c> and <c>compile</c> of the
/// ha-manager release <see cref="Release"/>): the rules it starts from (rules.cfg plus the ones it makes from
/// groups.cfg), the ones it drops and why, and the effective rules the CRM schedules with — merged positive rules,
/// implicit negative pairs, node-affinity rules widened to their positive partners. The placement and the
/// simulation read <see cref="NodeAffinityOf"/>, <see cref="PositivePartners"/> and <see cref="NegativePartners"/>.
/// </summary>
public sealed class EffectiveHaRules
{
    private readonly Dictionary<string, CompiledNodeAffinity> _nodeAffinity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableSortedSet<string>> _positive = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableSortedSet<string>> _negative = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DroppedRule> _dropped;

    public EffectiveHaRules(HaCoreRelease release, ImmutableArray<string> nodes, ImmutableArray<HaRuleDefinition> configured,
        ImmutableArray<DroppedRule> dropped, ImmutableArray<HaRuleDefinition> effective, bool dependsOnHashOrder)
    {
        Release = release;
        Nodes = nodes;
        Configured = configured;
        Dropped = dropped;
        Effective = effective;
        DependsOnHashOrder = dependsOnHashOrder;
        _dropped = dropped.ToDictionary(d => d.Id, StringComparer.Ordinal);
        _configuredByResource = new Lazy<ResourceIndex<HaRuleDefinition>>(() => new ResourceIndex<HaRuleDefinition>(Configured, r => r.Resources));
        Compile();
    }

    // Rules run in parallel over one EffectiveHaRules: a Lazy builds the index once, whoever asks first.
    private readonly Lazy<ResourceIndex<HaRuleDefinition>> _configuredByResource;

    /// <summary>The configured rules (disabled and dropped ones too) that hold <paramref name="sid"/>, in order.</summary>
    public List<HaRuleDefinition> ConfiguredHolding(string sid) => _configuredByResource.Value.Holding(sid);

    /// <summary>The configured rules that hold any of <paramref name="sids"/>, each once, in order.</summary>
    public List<HaRuleDefinition> ConfiguredSharing(IEnumerable<string> sids) => _configuredByResource.Value.Sharing(sids);

    public HaCoreRelease Release { get; }

    /// <summary>The nodes the CRM knows (online or not): what C3 counts and non-strict rules fall back to.</summary>
    public ImmutableArray<string> Nodes { get; }

    /// <summary>Every rule the CRM starts from, disabled ones included, in order.</summary>
    public ImmutableArray<HaRuleDefinition> Configured { get; }

    /// <summary>The rules the feasibility checks drop, by id.</summary>
    public ImmutableArray<DroppedRule> Dropped { get; }

    /// <summary>The enabled rules after the drops and the transforms, in order.</summary>
    public ImmutableArray<HaRuleDefinition> Effective { get; }

    /// <summary>
    /// True when Perl's hash order can change the widened node-affinity rules or the compiled node affinity: the CRM
    /// may then behave differently after each restart (only with overlapping positive rules the merge left apart).
    /// </summary>
    public bool DependsOnHashOrder { get; }

    public IEnumerable<HaRuleDefinition> NodeAffinityRules => Effective.Where(r => r.IsNodeAffinity);

    public IEnumerable<HaRuleDefinition> PositiveRules => Effective.Where(r => r.IsPositive);

    public IEnumerable<HaRuleDefinition> NegativeRules => Effective.Where(r => r.IsNegative);

    public DroppedRule? DroppedRule(string id) => _dropped.GetValueOrDefault(id);

    public bool IsDropped(string id) => _dropped.ContainsKey(id);

    /// <summary>The resource's node affinity, or null when no effective node-affinity rule names it (any node).</summary>
    public CompiledNodeAffinity? NodeAffinityOf(string sid) => _nodeAffinity.GetValueOrDefault(sid);

    /// <summary>Resources that must run on the same node as <paramref name="sid"/>.</summary>
    public ImmutableSortedSet<string> PositivePartners(string sid) => _positive.GetValueOrDefault(sid, ImmutableSortedSet<string>.Empty);

    /// <summary>Resources that must not run on the node of <paramref name="sid"/>.</summary>
    public ImmutableSortedSet<string> NegativePartners(string sid) => _negative.GetValueOrDefault(sid, ImmutableSortedSet<string>.Empty);

    /// <summary>
    /// The nodes the resource may ever run on: a strict rule's nodes, else every known node.
    /// </summary>
    public IEnumerable<string> AllowedNodes(string sid) =>
        NodeAffinityOf(sid) is { Strict: true } compiled ? compiled.DeclaredNodes : Nodes;

    /// <summary>The CRM's log lines for the drops, in its order.</summary>
    public IEnumerable<string> LogLines => Dropped.SelectMany(d => d.LogLines);

    private void Compile()
    {
        foreach (var rule in NodeAffinityRules)
        {
            // One per rule, shared by its resources; a non-strict rule's widening to every node is made when asked.
            var compiled = new CompiledNodeAffinity(rule, Nodes);
            foreach (var sid in rule.Resources) _nodeAffinity.TryAdd(sid, compiled);
        }
        Pairs(PositiveRules, _positive);
        Pairs(NegativeRules, _negative);
    }

    private static void Pairs(IEnumerable<HaRuleDefinition> rules, Dictionary<string, ImmutableSortedSet<string>> map)
    {
        foreach (var rule in rules)
            foreach (var sid in rule.Resources)
                map[sid] = map.GetValueOrDefault(sid, ImmutableSortedSet.Create<string>(StringComparer.Ordinal)).Union(rule.Resources.Remove(sid));
    }
}
