using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Simulation;

namespace PveLint.Rules.Resilience;

public sealed class SplitBrainPossible : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE6003", "split-brain-possible",
        "A failure after which two partitions are quorate at once",
        Severity.Error, RuleCategory.Resilience,
        "Two quorate partitions both write /etc/pve and both CRMs may start the same HA guest: the same VM runs twice on shared storage and corrupts its disks. Only fencing races decide what survives.",
        "Remove what lets a minority keep quorum: two_node on more than two nodes, auto_tie_breaker without wait_for_all, or a hand-set expected_votes.",
        "simulation", "quorum", "split-brain");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        foreach (var verdict in Simulator.For(model).Scenarios.Where(v => v.Quorum.SplitBrain))
        {
            var quorate = verdict.Quorum.Partitions.Where(p => p.IsQuorate)
                .Select(p => $"{{{string.Join(", ", p.Partition.Nodes)}}} ({p.TotalVotes} of {p.ExpectedVotes} votes, quorum {p.Quorum})");
            yield return Report(ScenarioNarrative.QuorumSpan(model),
                $"{verdict.Scenario.Title}: {string.Join(" and ", quorate)} are quorate at the same time: both sides may run the same HA guests");
        }
    }
}
