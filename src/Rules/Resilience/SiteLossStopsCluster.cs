using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Simulation;
using PveLint.Simulation.Scenarios;

namespace PveLint.Rules.Resilience;

public sealed class SiteLossStopsCluster : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE6001", "site-loss-stops-cluster",
        "Losing one site leaves no quorate partition",
        Severity.Error, RuleCategory.Resilience,
        "When a whole site goes dark (power, fire, its uplinks), the nodes of the other sites must keep quorum, or the cluster stops: /etc/pve turns read-only, HA recovers nothing, and every node running HA services fences itself about a minute later.",
        "Give the cluster a vote outside the data sites: a QDevice (corosync-qnetd) in a third location, or a node there; make sure no single site holds half or more of the votes.",
        "simulation", "quorum", "site");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var result = Simulator.For(model);
        foreach (var verdict in result.Scenarios.Where(v => v.Scenario.Kind == ScenarioKind.SiteLoss && !v.Scenario.FailedNodes.IsEmpty))
        {
            if (verdict.Quorum.IsUndecidable || verdict.Quorum.AnyQuorate || verdict.Quorum.Partitions.IsEmpty) continue;
            yield return Report(ScenarioNarrative.QuorumSpan(model),
                ClusterStops.Message(result, verdict),
                ScenarioNarrative.SiteSpans(model, verdict.Scenario.FailedSites));
        }
    }
}
