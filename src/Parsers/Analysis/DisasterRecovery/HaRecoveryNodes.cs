using System.Collections.Immutable;
using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Analysis.DisasterRecovery;

/// <summary>The nodes HA may recover a resource on, and the configuration that says so.</summary>
public sealed record RecoveryNodes(ImmutableArray<string> Nodes, string Why, SourceSpan? Span);

/// <summary>
/// Where the HA manager may start a resource after a failure, read from the effective rules the CRM schedules with
/// (<see cref="HaRuleSet"/>: dropped rules gone, legacy groups migrated): a strict node-affinity rule limits it to its
/// nodes; a non-strict rule only prefers them (any node when those are down); no effective rule means any node.
/// </summary>
public static class HaRecoveryNodes
{
    public static RecoveryNodes For(ClusterModel model, HaResource resource)
    {
        var all = model.NodeNames;
        var rules = HaRuleSet.Evaluate(model);
        if (rules.NodeAffinityOf(resource.Sid) is { } affinity)
        {
            var rule = affinity.Rule;
            return affinity.Strict
                ? new RecoveryNodes([.. affinity.DeclaredNodes], $"strict {rule.Describe()}", rule.Span)
                : new RecoveryNodes(all, $"{rule.Describe()} is not strict, so any node when its nodes are down", rule.Span);
        }
        var dropped = rules.ConfiguredHolding(resource.Sid).FirstOrDefault(r => r.IsNodeAffinity && rules.IsDropped(r.Id));
        return dropped is not null
            ? new RecoveryNodes(all, $"the HA core drops {dropped.Describe()}, so any node", dropped.Span)
            : new RecoveryNodes(all, "no node-affinity rule limits it", resource.Section.HeaderSpan);
    }
}
