using System.Globalization;

namespace PveLint.Analysis.HighAvailability.Placement;

/// <summary>The one-sentence reasons of <see cref="ServicePlacement"/>: which nodes, rules, partners and scores decided.</summary>
internal sealed class PlacementReasons(string[] nodes, string[] sids, CrsScheduler scheduler)
{
    public string Unaffected(string sid, string node, CrmState state) =>
        $"{sid} stays {(state is CrmState.Started or CrmState.Migrate ? "running" : RecoverySimulation.StateName(state))} on {node}, which did not fail.";

    public string Moved(string sid, string from, string to, SelectionTrace? trace) =>
        $"{sid} ran on {from}, which did not fail, but the CRM migrates it to {to} once the rules are re-evaluated without the failed nodes"
        + (trace is null ? "" : ": " + Narrowing(trace, to)) + ".";

    public string Recovered(string sid, string from, string to, SelectionTrace? trace, bool stopped, string? note)
    {
        var what = stopped ? "recovers it to" : "recovers and starts it on";
        var text = $"{sid} ran on {from}, which failed; the CRM {what} {to}";
        if (trace is not null) text += ": " + Narrowing(trace, to);
        if (stopped) text += "; it stays stopped there, as requested";
        if (note is not null) text += "; " + note;
        return text + ".";
    }

    public string StartFailed(string sid, string from, string to, StorageBlock block, PlacementService service) =>
        $"{sid} ran on {from}, which failed; the CRM recovers it to {to}, but its disk {block.Disk} is on storage '{block.Storage}', "
        + $"{block.Explanation}: the start fails there ({service.MaxRestart + 1} attempts, max_restart={service.MaxRestart}), "
        + $"and relocation (max_relocate={service.MaxRelocate}) cannot move it off {to} because the volume is not there either, so it ends in error state.";

    public string NoRecoveryNode(string sid, string from, SelectionBlock block, SelectionTrace trace)
    {
        var text = $"{sid} ran on {from}, which failed, and stays in recovery (the CRM retries every round): ";
        if (block == SelectionBlock.NodeAffinity)
        {
            if (trace.Affinity is not { } affinity) return text + "no node is online.";
            var listed = affinity.Nodes.Where(n => affinity.Strict || n.Priority != -1).Select(n => nodes[n.Node]).Concat(affinity.UnknownNodes);
            return text + $"strict node-affinity rule '{affinity.RuleId}' allows only {string.Join(", ", listed)}, and none of them is online.";
        }
        var excluded = string.Join(", ", (trace.Separated ?? []).Select(x => $"{nodes[x.Node]} (runs {sids[x.Partner.Service]}, rule '{x.Partner.RuleId}')"));
        var scope = trace.Affinity is { } a && !(a.Strict == false && trace.Priority == -1)
            ? $"every node that node-affinity rule '{a.RuleId}' prefers"
            : "every online node";
        return text + $"{scope} already runs a service it must be kept apart from: {excluded}.";
    }

    public string NotRecovered(string sid, string from, CrmState state, RequestedState requested) =>
        requested == RequestedState.Disabled
            ? $"{sid} ran on {from}, which failed; it is requested disabled, so the CRM does not recover it."
            : state == CrmState.Error
                ? $"{sid} was in error state on {from}, which failed; the CRM never recovers a service in error state."
                : $"{sid} was {RecoverySimulation.StateName(state)} on {from}, which failed; the CRM does not recover it from that state.";

    public string Unstable(string sid, string node) =>
        $"{sid} never settles: the CRM keeps migrating it (last on {node}); positive resource affinity with partners that move at the same time ping-pongs on pve-ha-manager before 5.1.0 (bug #6801).";

    /// <summary>Node affinity, negative and positive affinity, then the score, as far as each narrowed the choice.</summary>
    private string Narrowing(SelectionTrace trace, string chosen)
    {
        var parts = new List<string>();
        if (trace.Affinity is { } affinity)
        {
            var preferred = string.Join(", ", (trace.Preferred ?? []).Select(n => nodes[n]));
            parts.Add(!affinity.Strict && trace.Priority == -1
                ? $"no node of non-strict node-affinity rule '{affinity.RuleId}' is online, so any node may take it"
                : $"{(affinity.Strict ? "strict" : "non-strict")} node-affinity rule '{affinity.RuleId}' prefers {preferred} (priority {trace.Priority})");
        }
        if (trace.Separated is { Count: > 0 })
            parts.Add("negative affinity rules out " + string.Join(", ",
                trace.Separated.Select(x => $"{nodes[x.Node]} ({sids[x.Partner.Service]}, rule '{x.Partner.RuleId}')")));
        if (trace.PositiveNode >= 0)
            parts.Add($"positive affinity keeps it with {string.Join(", ", (trace.PositivePartners ?? []).Select(p => $"{sids[p.Service]} (rule '{p.RuleId}')"))} on {nodes[trace.PositiveNode]}");
        if (trace.RankedCount > 1)
        {
            var (best, bestScore) = trace.Best;
            var (next, nextScore) = trace.Next;
            parts.Add(bestScore == nextScore
                ? $"{nodes[best]} and {nodes[next]} tie at {Load(bestScore)}, and the CRM takes the first name"
                : $"{chosen} has the lowest load ({Load(bestScore)}; next {nodes[next]} with {Load(nextScore)})");
        }
        else if (trace.RankedCount == 1 && parts.Count == 0)
        {
            parts.Add($"{chosen} is the only online node");
        }
        return string.Join("; ", parts);
    }

    private string Load(double score) => scheduler == CrsScheduler.Basic
        ? (score == 1 ? "1 HA service" : $"{score.ToString(CultureInfo.InvariantCulture)} HA services")
        : $"static score {(-score).ToString("0.####", CultureInfo.InvariantCulture)}";
}
