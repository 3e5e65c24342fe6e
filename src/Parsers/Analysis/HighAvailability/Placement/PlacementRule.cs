using System.Collections.Immutable;
using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Model;

namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>A node of a node-affinity rule with its priority (higher is preferred; PVE's default is 0).</summary>
public sealed record RuleNode(string Node, int Priority);

/// <summary>
/// One effective HA rule as the CRM schedules with it: what remains of rules.cfg after PVE's feasibility checks
/// and transforms (reference/pve-ha-manager.md §2.2–§2.3: dropped rules gone, connected positive rules merged,
/// implicit negative and node-affinity members added). Placement never checks feasibility itself; it only
/// compiles these records the way <c>plugin_compile</c> does (§2.3 step 4).
/// </summary>
/// <param name="Id">Rule id, used to name the rule in reasons (<c>_merged-…</c> and <c>_implicit-…</c> ids included).</param>
/// <param name="Nodes">Node-affinity only: the rule's nodes and priorities.</param>
/// <param name="Strict">Node-affinity only: without <c>strict</c> every other known node joins at priority −1.</param>
/// <param name="Positive">Resource-affinity only: true keeps the resources together, false keeps them apart.</param>
public sealed record PlacementRule(
    string Id,
    HaRuleType Type,
    ImmutableArray<string> Resources,
    ImmutableArray<RuleNode> Nodes,
    bool Strict,
    bool Positive)
{
    public static PlacementRule NodeAffinity(string id, IEnumerable<string> resources, IEnumerable<RuleNode> nodes, bool strict = false) =>
        new(id, HaRuleType.NodeAffinity, [.. resources], [.. nodes], strict, false);

    public static PlacementRule ResourceAffinity(string id, IEnumerable<string> resources, bool positive) =>
        new(id, HaRuleType.ResourceAffinity, [.. resources], [], false, positive);

    /// <summary>One rule as the HA core holds it after its feasibility checks and transforms.</summary>
    public static PlacementRule FromEffective(HaRuleDefinition rule) => new(
        rule.Id,
        rule.Type,
        [.. rule.Resources],
        [.. rule.Nodes.Select(n => new RuleNode(n.Key, n.Value))],
        rule.Strict,
        rule.IsPositive);

    /// <summary>
    /// The rules the CRM schedules with (reference/pve-ha-manager.md §2.2–§2.3): rules.cfg and migrated groups after
    /// check_feasibility and the transforms, so dropped rules do not constrain recovery and merged or implicit ones do.
    /// </summary>
    public static ImmutableArray<PlacementRule> EffectiveRules(ClusterModel model) =>
        [.. HaRuleSet.Evaluate(model).Effective.Where(r => !r.Disabled).Select(FromEffective)];
}
