using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Simulation;
using PveLint.Simulation.Scenarios;

namespace PveLint.Rules.Resilience;

public sealed class NodeLossStrandsResource : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE6004", "node-loss-strands-resource",
        "A single node failure after which an HA resource has no recovery node",
        Severity.Error, RuleCategory.Resilience,
        "HA exists to survive the loss of one node. A resource that the CRM cannot place anywhere after one node fails (strict node affinity, exhausted anti-affinity, disks only that node can reach) stays down until a person intervenes.",
        "Widen the resource's node affinity (or make it non-strict), give negative affinity groups spare nodes, and keep HA guests' disks on shared or replicated storage.",
        "simulation", "ha", "node");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        foreach (var verdict in Simulator.For(model).Scenarios.Where(v => v.Scenario.Kind == ScenarioKind.NodeLoss))
            foreach (var (where, message, related) in StrandedResources.Of(model, verdict))
                yield return Report(where?.Span, message, related);
    }
}
