using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Simulation;

namespace PveLint.Rules.Resilience;

public sealed class DoubleFailureOutage : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE6008", "double-failure-outage",
        "Two failures, each survivable alone, that stop the cluster together",
        Severity.Info, RuleCategory.Resilience,
        "Failures come in pairs more often than expected: a node is down for maintenance when the witness reboots, a site fails while one node of the other site is being patched. Knowing which pairs stop the cluster tells you what not to do during maintenance.",
        "Plan maintenance around the listed pairs, or add votes (a QDevice, a node in another site) so that no pair of failures removes the majority.",
        "simulation", "quorum");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var result = Simulator.For(model);
        var singles = result.Scenarios.Where(v => v.Scenario.FailureCount == 1).ToDictionary(v => v.Scenario.Id, StringComparer.Ordinal);
        bool SurvivableAlone(string id) => !singles.TryGetValue(id, out var v) || v.Quorum.AnyQuorate;
        var outages = result.Scenarios
            // Losing every node is an outage by definition, not a finding.
            .Where(v => v.Scenario.FailureCount == 2 && !v.Quorum.IsUndecidable && !v.Quorum.AnyQuorate && !v.Quorum.Partitions.IsEmpty)
            .Where(v => v.Scenario.Id.Split('&').All(SurvivableAlone))
            .ToList();
        if (outages.Count == 0) yield break;
        var listed = ScenarioNarrative.List(outages.Select(v => $"{v.Scenario.Title} ({ScenarioNarrative.Votes(v)})").ToList(), max: 5);
        yield return Report(ScenarioNarrative.QuorumSpan(model),
            $"{outages.Count} pair{(outages.Count == 1 ? "" : "s")} of failures, each survivable alone, stop{(outages.Count == 1 ? "s" : "")} the cluster: {listed}");
    }
}
