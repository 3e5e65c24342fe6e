using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Simulation;
using PveLint.Simulation.Scenarios;

namespace PveLint.Rules.Resilience;

public sealed class NetsplitStopsCluster : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE6002", "netsplit-stops-cluster",
        "A network partition between sites leaves no side quorate",
        Severity.Error, RuleCategory.Resilience,
        "When the link between sites breaks, every node is still running but corosync sees only its own side. If no side holds a majority of the votes, the whole cluster stops and the nodes with HA services fence themselves, although nothing failed but a link.",
        "Add a tie-breaker that only one side can reach: a QDevice in a third location (ffsplit gives its vote to exactly one side), or an odd split of the votes; give the sites redundant links.",
        "simulation", "quorum", "netsplit");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var result = Simulator.For(model);
        foreach (var verdict in result.Scenarios.Where(v => v.Scenario.Kind == ScenarioKind.Netsplit))
        {
            if (verdict.Quorum.IsUndecidable || verdict.Quorum.AnyQuorate || verdict.Quorum.Partitions.IsEmpty) continue;
            var sites = verdict.Scenario.Partitions.SelectMany(p => p.Sites);
            yield return Report(ScenarioNarrative.QuorumSpan(model), ClusterStops.Message(result, verdict),
                ScenarioNarrative.SiteSpans(model, sites));
        }
    }
}
