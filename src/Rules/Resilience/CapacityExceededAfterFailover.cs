using PveLint.Analysis.HighAvailability.Placement;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Simulation;
using PveLint.Simulation.Scenarios;

namespace PveLint.Rules.Resilience;

public sealed class CapacityExceededAfterFailover : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE6007", "capacity-exceeded-after-failover",
        "Recovered guests need more memory than the surviving node has",
        Severity.Warning, RuleCategory.Resilience,
        "The CRM places recovered services by its scheduler's score, not by free memory: a node that receives more guests than its RAM holds starts swapping, or the guests fail to start and end in error, right when the cluster is already degraded.",
        "Keep headroom for the largest single failure (N+1), declare node capacity in .pvelint.yaml nodes:, use crs: ha=static so the CRM weighs memory, or spread the guests with affinity rules.",
        "simulation", "capacity");

    public override RuleMetadata Metadata => Meta;

    private const double GiB = 1024d * 1024 * 1024;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Config.Nodes.IsEmpty) yield break;
        var result = Simulator.For(model);
        foreach (var verdict in result.Scenarios.Where(v => v.Scenario.FailureCount == 1 && v.Scenario.Kind is ScenarioKind.NodeLoss or ScenarioKind.SiteLoss))
        {
            if (verdict.Ha.Plan is not { } plan) continue;
            var running = plan.Services.Where(s => s.To is not null && s.CrmState == "started").ToLookup(s => s.To!, StringComparer.Ordinal);
            var ha = plan.Services.Select(s => s.Sid).ToHashSet(StringComparer.Ordinal);
            foreach (var node in model.Nodes)
            {
                if (node.Capacity is not { MemoryGiB: { } capacity } declared || verdict.Scenario.FailedNodes.Contains(node.Name)) continue;
                if (!verdict.Fencing.Nodes.Any(f => f.Node == node.Name && f.Fate == Simulation.Fencing.NodeFateKind.Quorate)) continue;
                var guests = running[node.Name].Select(s => model.HaResource(s.Sid) is { } r ? model.GuestOf(r) : null).OfType<Guest>()
                    .Concat(node.Guests.Where(g => !ha.Contains(g.Sid)))
                    .DistinctBy(g => g.VmId).ToList();
                var needed = guests.Sum(g => GuestLoads.Of(g).MaxMemoryBytes) / GiB;
                var recovered = running[node.Name].Where(s => s.Outcome == PlacementOutcome.Recovered).Select(s => s.Sid).ToList();
                if (needed <= capacity || recovered.Count == 0) continue;
                yield return Report(declared.Node.Span,
                    $"{verdict.Scenario.Title}: {node.Name} receives {ScenarioNarrative.List(recovered)} and would run {guests.Count} guests needing {needed:0.#} GiB of memory, but has {capacity:0.#} GiB");
            }
        }
    }
}
