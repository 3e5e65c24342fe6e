using PveLint.Analysis.DisasterRecovery;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.DisasterRecovery;

public sealed class HaRecoveryOutsideReplicas : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE5005", "ha-recovery-outside-replicas",
        "An HA guest on replicated local ZFS that HA may recover on a node without a replica",
        Severity.Warning, RuleCategory.Replication,
        "With storage replication, a guest's local ZFS disks exist only on its node and on the replication targets. The HA manager recovers a failed guest on any node its node affinity allows; on a node without a replica the guest has no disks and does not start.",
        "Add a strict node-affinity rule that limits the guest to its node and its replication targets, or add replication jobs to every node the guest may be recovered on.",
        "ha", "replication", "dr");

    public override RuleMetadata Metadata => Meta;

    private const int ListedNodes = 5;

    // Every HA guest with a replication job is checked, and most large clusters have thousands: plain loops, and the
    // lists only for a guest that gets a finding.
    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        foreach (var resource in model.Ha.Resources)
        {
            if (model.GuestOf(resource) is not { } guest) continue;
            var disks = CurrentReplicatedDisks(model, guest);
            if (disks is null) continue;
            var jobs = ActiveJobs(model, guest);
            if (jobs is null) continue;

            var replicas = new List<string>(jobs.Count + 1);
            foreach (var job in jobs)
                if (!replicas.Contains(job.Target!.Value)) replicas.Add(job.Target.Value);
            if (!replicas.Contains(guest.Node)) replicas.Add(guest.Node);

            var recovery = HaRecoveryNodes.For(model, resource);
            // The message names five of them: only those are kept (a non-strict rule allows every node of the cluster).
            var outside = new List<string>(ListedNodes);
            var outsideCount = 0;
            foreach (var node in recovery.Nodes)
                if (!replicas.Contains(node) && outsideCount++ < ListedNodes) outside.Add(node);
            if (outsideCount == 0) continue;

            var guestText = DrText.Guest(guest);
            var related = new List<RelatedSpan>(disks.Count + jobs.Count + 1);
            var diskKeys = new List<string>(disks.Count);
            foreach (var disk in disks)
            {
                related.Add(new RelatedSpan(disk.Value.Span, $"{disk.Key.Value} of {guestText}"));
                diskKeys.Add(disk.Key.Value);
            }
            foreach (var job in jobs) related.Add(new RelatedSpan(job.Id.Span, $"replication job '{job.Id.Value}' to {job.Target!.Value}"));
            if (recovery.Span is { } why && why != resource.Section.HeaderSpan) related.Add(new RelatedSpan(why, recovery.Why));
            replicas.Sort(StringComparer.Ordinal);
            yield return Report(resource.Section.HeaderSpan, Message(resource.Sid, guestText, outside, outsideCount, recovery.Why, diskKeys, replicas), related);
        }
    }

    /// <summary>
    /// The message, written when read: every HA guest of a large cluster can get this finding, all in resources.cfg,
    /// and the limits leave most of them out unread. A method of its own, so the closure is made only for a finding.
    /// </summary>
    private static Func<string> Message(string sid, string guestText, List<string> outside, int outsideCount, string why, List<string> diskKeys, List<string> replicas) =>
        () => $"HA may recover {sid} ({guestText}) on {(outsideCount == 1 ? "node" : "nodes")} {DrText.List(outside, outsideCount, ListedNodes)} ({why}), {(outsideCount == 1 ? "which holds" : "which hold")} no replica of its local ZFS disks ({DrText.List(diskKeys)}): replicas exist only on {DrText.List(replicas)}, and started elsewhere the guest finds no disk.";

    /// <summary>The replicated disks of the guest's current config, or null when it has none.</summary>
    private static List<GuestDisk>? CurrentReplicatedDisks(ClusterModel model, Guest guest)
    {
        List<GuestDisk>? disks = null;
        foreach (var disk in guest.Disks)
            if (disk.Section is null && ReplicatedVolumes.IsReplicated(model, disk)) (disks ??= []).Add(disk);
        return disks;
    }

    /// <summary>The guest's enabled replication jobs with a target, or null when it has none.</summary>
    private static List<ReplicationJob>? ActiveJobs(ClusterModel model, Guest guest)
    {
        List<ReplicationJob>? jobs = null;
        foreach (var job in model.ReplicationOf(guest.VmId))
            if (!job.Disabled && job.Target is not null) (jobs ??= []).Add(job);
        return jobs;
    }
}
