using PveLint.Simulation;

namespace PveLint.Rules.Resilience;

/// <summary>The message of a scenario after which no partition is quorate (PVE6001, PVE6002, PVE6008).</summary>
internal static class ClusterStops
{
    public static string Message(SimulationResult result, ScenarioVerdict verdict)
    {
        var nodes = verdict.Quorum.Partitions.SelectMany(p => p.Partition.Nodes).Count();
        var parts = new List<string>
        {
            $"{verdict.Scenario.Title}: {ScenarioNarrative.Votes(verdict)}: no partition is quorate, so the cluster stops on the {(nodes == 1 ? "remaining node" : $"{nodes} remaining nodes")} (read-only /etc/pve, no HA recovery)",
        };
        if (ScenarioNarrative.Fencing(verdict) is { Length: > 0 } fencing) parts.Add(fencing);
        var down = ScenarioNarrative.DownServices(result, verdict);
        if (!down.IsEmpty) parts.Add($"{ScenarioNarrative.List(down)} stay{(down.Length == 1 ? "s" : "")} down");
        return string.Join("; ", parts);
    }
}
