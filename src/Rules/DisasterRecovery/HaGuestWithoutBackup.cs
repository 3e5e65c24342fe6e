using PveLint.Analysis.DisasterRecovery;
using PveLint.Analysis.Schedules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.DisasterRecovery;

public sealed class HaGuestWithoutBackup : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE5007", "ha-guest-without-backup",
        "An HA guest that no enabled backup job covers",
        Severity.Warning, RuleCategory.Replication,
        "HA restarts a guest after a node failure, but it does not protect its data: deleted or corrupted data, ransomware and the loss of the storage need a backup. A guest that no enabled vzdump job in jobs.cfg selects (by vmid, by 'all' minus 'exclude', or by pool) has none.",
        "Add the guest to a backup job (its vmid, its pool, or an 'all' job without excluding it), enable the job, and make sure the job runs on the guest's node (no 'node', or the right one).",
        "ha", "backup", "dr");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        // Without jobs.cfg or user.cfg the scan is a partial copy (e.g. a config repository): nothing is known about backups.
        if (DrPolicy.Intent(model) == DrIntent.None || !model.BackupJobsKnown) yield break;
        var runs = model.BackupJobs.ToDictionary(j => j, j => j.Schedule is { } s && CalendarEvent.Parse(s.Value).Event is { } ev && !ScheduleGaps.Analyze(ev).NeverRuns);
        foreach (var resource in model.Ha.Resources)
        {
            if (model.GuestOf(resource) is not { } guest) continue;
            if (model.BackupJobsCovering(guest).Any(j => runs[j])) continue;
            var nearMisses = model.BackupJobs.Select(j => (Job: j, Why: NearMiss(model, j, guest, runs[j]))).Where(m => m.Why is not null).ToList();
            var why = nearMisses.Count == 0
                ? model.BackupJobs.IsEmpty ? "the cluster has no backup job (jobs.cfg holds none, or there is no jobs.cfg beside user.cfg)" : "none of the backup jobs in jobs.cfg selects it"
                : DrText.List(nearMisses.Select(m => $"job '{m.Job.Id.Value}' {m.Why}"), 3);
            yield return Report(resource.Section.HeaderSpan,
                $"HA guest {resource.Sid} ({DrText.Guest(guest)}) is in no enabled backup job: {why}. HA restarts it after a failure, but nothing can restore its data.",
                nearMisses.Select(m => new RelatedSpan(m.Job.Id.Span, $"backup job '{m.Job.Id.Value}'")));
        }
    }

    /// <summary>Why a job that looks meant for the guest does not back it up, or null if it has nothing to do with it.</summary>
    private static string? NearMiss(ClusterModel model, BackupJob job, Guest guest, bool runs)
    {
        var selects = job.Selection switch
        {
            BackupSelection.Pool => model.PoolOf(guest.VmId) == job.Pool!.Value,
            BackupSelection.VmIds or BackupSelection.Conflict => job.VmIds.Any(v => v.Value == guest.VmId),
            BackupSelection.All => true,
            _ => false,
        };
        if (job.Selection == BackupSelection.All && job.Exclude.Any(v => v.Value == guest.VmId)) return "excludes it";
        if (!selects) return null;
        if (job.Selection == BackupSelection.Conflict) return "combines vmid with all, exclude or pool, which vzdump refuses";
        if (!job.Enabled) return "is disabled";
        if (job.Node is { } node && node.Value != guest.Node) return $"runs only on node {node.Value}";
        if (!runs) return "has a schedule that never runs";
        return null;
    }
}
