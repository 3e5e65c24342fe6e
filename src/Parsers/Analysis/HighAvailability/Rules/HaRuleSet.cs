using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.Analysis.HighAvailability.Rules;

/// <summary>
/// The HA core's view of a cluster's rules, as the CRM builds it each time rules, groups, resources or the node
/// list change (Manager.pm <c>manage</c>): rules.cfg, plus the rules it makes from groups.cfg in memory, checked
/// (<see cref="FeasibilityChecker"/>), pruned and transformed (<see cref="RuleTransforms"/>) for the ha-manager
/// release of the model's <c>target:</c>.
/// </summary>
public static class HaRuleSet
{
    private static readonly OncePer<ClusterModel, EffectiveHaRules> Cache = new(static m =>
    {
        var rules = GroupMigration.Apply(m.Ha.Rules.Select(HaRuleDefinition.From), GroupMigration.GroupsInUse(m.Ha));
        return Evaluate(rules, CrmNodes(m), HaCoreRelease.For(m.Target));
    });

    /// <summary>The effective rules of a model (computed once per model instance).</summary>
    public static EffectiveHaRules Evaluate(ClusterModel model) => Cache.Of(model);

    /// <summary>Checks and transforms a rule set as the given ha-manager release does, for the CRM's node list.</summary>
    public static EffectiveHaRules Evaluate(IEnumerable<HaRuleDefinition> rules, IEnumerable<string> nodes, HaCoreRelease release)
    {
        var configured = rules.ToImmutableArray();
        var nodeList = nodes.Distinct(StringComparer.Ordinal).ToImmutableArray();
        var dropped = FeasibilityChecker.Check(configured, nodeList.Length, release);
        var droppedIds = dropped.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var (transformed, dependsOnHashOrder) = RuleTransforms.Apply(configured.Where(r => !droppedIds.Contains(r.Id)).ToList());
        return new EffectiveHaRules(release, nodeList, configured, dropped, transformed.Where(r => !r.Disabled).ToImmutableArray(), dependsOnHashOrder);
    }

    /// <summary>
    /// The nodes the CRM knows (<c>manager_status</c> node_status: every cluster member, online or not): the cluster's
    /// nodes from corosync.conf (else the nodes/ directories), else the nodes the manager status lists.
    /// </summary>
    public static ImmutableArray<string> CrmNodes(ClusterModel model) =>
        !model.NodeNames.IsEmpty ? model.NodeNames
        : model.Ha.Status is { } status ? status.NodeStates.Keys.Order(StringComparer.Ordinal).ToImmutableArray()
        : [];
}
