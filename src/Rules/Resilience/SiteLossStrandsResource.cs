using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Simulation;
using PveLint.Simulation.Scenarios;

namespace PveLint.Rules.Resilience;

public sealed class SiteLossStrandsResource : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE6005", "site-loss-strands-resource",
        "A site failure after which HA resources have no recovery node",
        Severity.Warning, RuleCategory.Resilience,
        "The cluster keeps quorum when a site is lost, but some HA resources can only run in that site (strict node affinity to its nodes, storage only it reaches): they stay down for as long as the site does.",
        "Allow the resource on nodes of another site (non-strict affinity, or add nodes), and keep its disks on storage the other site reaches.",
        "simulation", "ha", "site");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        foreach (var verdict in Simulator.For(model).Scenarios.Where(v => v.Scenario.Kind == ScenarioKind.SiteLoss))
            foreach (var (where, message, related) in StrandedResources.Of(model, verdict))
                yield return Report(where?.Span, message, related.Concat(ScenarioNarrative.SiteSpans(model, verdict.Scenario.FailedSites)));
    }
}
