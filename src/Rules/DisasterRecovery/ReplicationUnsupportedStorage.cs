using PveLint.Analysis.DisasterRecovery;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.DisasterRecovery;

public sealed class ReplicationUnsupportedStorage : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE5004", "replication-unsupported-storage",
        "A replication job for a guest with disks that pvesr cannot replicate",
        Severity.Error, RuleCategory.Replication,
        "Storage replication works only for volumes on local ZFS (zfspool): pvesr refuses anything else ('missing replicate feature on volume'), local files and devices, and a storage the target node cannot use. Every run of the job fails, so there is no replica to recover from.",
        "Move the guest's disks to a zfspool storage that exists on both nodes, mark the disks that need no replica with replicate=0, or remove the job and protect the guest another way (shared storage, backups).",
        "replication", "storage", "dr");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        foreach (var job in model.Replication.Where(j => !j.Disabled))
        {
            if (model.GuestById(job.GuestId) is not { } guest) continue;
            var blockers = ReplicatedVolumes.Blockers(model, guest, job.Target?.Value);
            if (blockers.Count == 0) continue;
            var disks = DrText.List(blockers.Select(b => $"{b.Disk.Key.Value} ({ReplicatedVolumes.VolumeText(b.Disk)}) is {b.Reason}"), 3);
            var related = blockers.Select(b => new RelatedSpan(b.Disk.Value.Span, $"{b.Disk.Key.Value} of {DrText.Guest(guest)}"))
                .Append(new RelatedSpan(job.Id.Span, $"replication job '{job.Id.Value}'"));
            yield return Report(job.Id.Span,
                $"Replication job '{job.Id.Value}' of {DrText.Guest(guest)} to node {job.Target?.Value ?? "?"} cannot run: {disks}. pvesr fails on every run, so no replica exists.",
                related);
        }
    }
}
