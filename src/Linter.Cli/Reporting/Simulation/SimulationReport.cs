using PveLint.Model;
using PveLint.Simulation;
using PveLint.Simulation.Fencing;

namespace PveLint.Cli.Reporting.Simulation;

/// <summary>What <c>pvelint simulate</c> shows: the cluster's model (for the topology) and the scenario verdicts.</summary>
public sealed record SimulationReport(string Path, ClusterModel Model, SimulationResult Result, string ToolVersion)
{
    /// <summary>"{pve-b1, pve-b2}: quorate, 3 of 5 votes, quorum 3" per partition, joined.</summary>
    public static string Partitions(ScenarioVerdict v)
    {
        if (v.Quorum.Undecidable is { } why) return "undecidable: " + why;
        if (v.Quorum.Partitions.IsEmpty) return "no node left";
        return string.Join("; ", v.Quorum.Partitions.Select(p =>
            $"{{{string.Join(", ", p.Partition.Nodes)}}}: {p.State.ToString().ToLowerInvariant()}" +
            (p.State is Analysis.Quorum.QuorumState.Undecidable ? $" ({p.Explanation})" : $", {p.TotalVotes} of {p.ExpectedVotes} votes, quorum {p.Quorum}{(p.QDeviceVote ? ", with the QDevice vote" : "")}")));
    }

    public static string Fenced(ScenarioVerdict v)
    {
        var fenced = v.Fencing.Nodes.Where(n => n.Fate == NodeFateKind.SelfFences).Select(n => $"{n.Node} (after ~{n.ResetAfterSeconds} s)").ToList();
        return fenced.Count == 0 ? "none" : string.Join(", ", fenced);
    }

    /// <summary>"vm:101 pve-a1→pve-b1; stranded: vm:102 (no recovery node)" or why HA was not evaluated.</summary>
    public static string Services(ScenarioVerdict v, string arrow = "→")
    {
        if (v.Ha.Plan is not { } plan) return v.Ha.NotEvaluated ?? "";
        var moved = plan.Affected.Where(s => s.Outcome is Analysis.HighAvailability.Placement.PlacementOutcome.Recovered
            or Analysis.HighAvailability.Placement.PlacementOutcome.RecoveredStopped
            or Analysis.HighAvailability.Placement.PlacementOutcome.Moved).Select(s => $"{s.Sid} {s.From}{arrow}{s.To}").ToList();
        var stranded = plan.Stranded.Select(s => $"{s.Sid} ({Words(s.Outcome)})").ToList();
        var parts = new List<string>();
        if (moved.Count > 0) parts.Add("moved: " + string.Join(", ", moved));
        if (stranded.Count > 0) parts.Add("stranded: " + string.Join(", ", stranded));
        return parts.Count == 0 ? "no HA service affected" : string.Join("; ", parts);
    }

    /// <summary>
    /// "monitors: 2 of 4 on each side, quorum needs 3: no quorum; pools: vm: all 32 PGs inactive: no monitor quorum;
    /// recovered but blocked: vm:101 on pve-b1 (vm)", or why Ceph was not judged.
    /// </summary>
    public static string Ceph(ScenarioVerdict v)
    {
        if (v.Ceph is not { } ceph) return "no Ceph data";
        var parts = new List<string>();
        if (ceph.Monitors.Total > 0)
        {
            var quorum = ceph.Monitors.Undecidable is not null ? ""
                : !ceph.Monitors.HasQuorum ? ": no quorum"
                : ceph.Monitors.Winner is { } w ? $": quorum in {ceph.Monitors.Sides[w].Name}"
                : $": quorum in {string.Join(" or ", ceph.Monitors.Candidates.Select(c => ceph.Monitors.Sides[c].Name))} (the election decides)";
            var describe = ceph.Monitors.Describe();
            parts.Add((describe.StartsWith("monitors", StringComparison.Ordinal) ? "" : "monitors: ") + describe + quorum);
        }
        if (ceph.Undecidable is { } why && ceph.Monitors.Undecidable is null) parts.Add("undecidable: " + why);
        if (ceph.DegradedStretchMode) parts.Add("degraded stretch mode");
        if (!ceph.Pools.IsEmpty) parts.Add("pools: " + string.Join("; ", ceph.Pools.Select(p => p.Describe())));
        if (!ceph.BlockedServices.IsEmpty)
            parts.Add("recovered but blocked: " + string.Join(", ", ceph.BlockedServices.Select(b =>
                $"{b.Sid} on {b.Node}{(b.Recovered ? " (recovered)" : "")} ({string.Join(", ", b.Pools)})")));
        return string.Join("; ", parts);
    }

    private static string Words(Analysis.HighAvailability.Placement.PlacementOutcome outcome) => outcome switch
    {
        Analysis.HighAvailability.Placement.PlacementOutcome.NoRecoveryNode => "no recovery node",
        Analysis.HighAvailability.Placement.PlacementOutcome.StartFailed => "cannot start where placed",
        _ => "not recovered",
    };
}
