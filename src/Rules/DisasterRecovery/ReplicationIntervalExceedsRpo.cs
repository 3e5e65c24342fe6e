using PveLint.Analysis.DisasterRecovery;
using PveLint.Analysis.Schedules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.DisasterRecovery;

public sealed class ReplicationIntervalExceedsRpo : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE5001", "replication-interval-exceeds-rpo",
        "A replication schedule whose worst-case interval exceeds the RPO",
        Severity.Warning, RuleCategory.Replication,
        "A guest recovered from its replica loses every write since the last sync. The worst case is the longest gap between two runs of the schedule (pvesr computes each run from the previous one with PVE's calendar-event rules), not the shortest: 'mon..fri 02:00' leaves three days over a weekend.",
        "Shorten the schedule (e.g. '*/15' or '*/5') or raise policy.rpo-minutes in .pvelint.yaml to the loss the business accepts.",
        "replication", "rpo", "dr");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (DrPolicy.Intent(model) == DrIntent.None) yield break;
        var rpo = DrPolicy.RpoMinutes(model) * 60L;
        var analyses = new Dictionary<string, ScheduleAnalysis>(StringComparer.Ordinal);
        var rpoText = $"the RPO of {ScheduleText.Duration(rpo)} (policy.rpo-minutes)";
        foreach (var job in model.Replication)
        {
            if (job.Disabled) continue;
            var ev = ReplicationSchedules.EventOf(job);
            if (!analyses.TryGetValue(ev.Text, out var analysis)) analyses[ev.Text] = analysis = ScheduleGaps.Analyze(ev);
            // Most jobs meet the RPO: their text is made only for a finding (a large cluster has a job per guest).
            var fails = analysis.NeverRuns || analysis.LastRun is not null || analysis.Worst is { } worst && worst.Seconds > rpo;
            if (!fails) continue;
            var schedule = job.Schedule is null ? $"pvesr's default schedule '{ev.Text}' (no schedule set)" : $"schedule '{ev.Text}'";
            var what = $"Replication job '{job.Id.Value}' (guest {job.GuestId} to node {job.Target?.Value ?? "?"}) runs on {schedule}";
            string? problem = null;
            if (analysis.NeverRuns)
                problem = $"{what}, which never runs: PVE finds no next run, so the replica is never updated and {rpoText} cannot be met.";
            else if (analysis.LastRun is { } last)
                problem = $"{what}, which stops: PVE runs it for the last time at {ScheduleText.Moment(last, ScheduleCycle.UntilLastYear)} (UTC) and never again, so {rpoText} cannot be met.";
            else if (analysis.Worst is { } gap && gap.Seconds > rpo)
                problem = $"{what}: its worst-case interval is {analysis.Describe()}, above {rpoText}; a failure just before a run loses up to {ScheduleText.Duration(gap.Seconds)} of writes.";
            if (problem is not null)
                yield return Report(job.Schedule?.Span ?? job.Id.Span, problem, [new RelatedSpan(job.Id.Span, $"replication job '{job.Id.Value}'")]);
        }
    }
}
