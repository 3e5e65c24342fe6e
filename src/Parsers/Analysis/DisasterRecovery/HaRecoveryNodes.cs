using System.Collections.Immutable;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Analysis.DisasterRecovery;

/// <summary>The nodes HA may recover a resource on, and the configuration that says so.</summary>
public sealed record RecoveryNodes(ImmutableArray<string> Nodes, string Why, SourceSpan? Span);

/// <summary>
/// Where the HA manager may start a resource after a failure (reference/pve-ha-manager.md): a strict node-affinity
/// rule or a restricted legacy group limits it to its nodes; a non-strict rule or group only prefers them (any node
/// when those are down); no rule, or several node-affinity rules (the HA core drops them all), means any node.
/// The smallest piece the DR rules need; the HA-placement analysis is the full model.
/// </summary>
public static class HaRecoveryNodes
{
    public static RecoveryNodes For(ClusterModel model, HaResource resource)
    {
        var all = model.NodeNames;
        var rules = model.Ha.Rules.Where(r => r is { Type: HaRuleType.NodeAffinity, Disabled: false } && r.Resources.Any(x => x.Value == resource.Sid)).ToList();
        if (rules.Count == 1)
        {
            var rule = rules[0];
            return rule.Strict
                ? new RecoveryNodes(rule.Nodes.Select(n => n.Node.Value).Distinct().ToImmutableArray(), $"strict node-affinity rule '{rule.Id.Value}'", rule.Id.Span)
                : new RecoveryNodes(all, $"node-affinity rule '{rule.Id.Value}' is not strict, so any node when its nodes are down", rule.Id.Span);
        }
        if (rules.Count > 1)
            return new RecoveryNodes(all, $"it is in {rules.Count} node-affinity rules, which the HA core drops", rules[0].Id.Span);
        if (resource.Group is { } groupName && model.Ha.Groups.FirstOrDefault(g => g.Id.Value == groupName.Value) is { } group)
            return group.Restricted
                ? new RecoveryNodes(group.Nodes.Select(n => n.Node.Value).Distinct().ToImmutableArray(), $"restricted HA group '{group.Id.Value}'", group.Id.Span)
                : new RecoveryNodes(all, $"HA group '{group.Id.Value}' is not restricted, so any node when its nodes are down", group.Id.Span);
        return new RecoveryNodes(all, "no node-affinity rule limits it", resource.Section.HeaderSpan);
    }
}
