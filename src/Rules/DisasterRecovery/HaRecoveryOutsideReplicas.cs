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

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        foreach (var resource in model.Ha.Resources)
        {
            if (model.GuestOf(resource) is not { } guest) continue;
            var disks = ReplicatedVolumes.Replicated(model, guest).Where(d => d.Section is null).ToList();
            var jobs = model.ReplicationOf(guest.VmId).Where(j => !j.Disabled && j.Target is not null).ToList();
            if (disks.Count == 0 || jobs.Count == 0) continue;
            var replicas = jobs.Select(j => j.Target!.Value).Append(guest.Node).ToHashSet(StringComparer.Ordinal);
            var recovery = HaRecoveryNodes.For(model, resource);
            var outside = recovery.Nodes.Where(n => !replicas.Contains(n)).ToList();
            if (outside.Count == 0) continue;
            var related = new List<RelatedSpan>();
            related.AddRange(disks.Select(d => new RelatedSpan(d.Value.Span, $"{d.Key.Value} of {DrText.Guest(guest)}")));
            related.AddRange(jobs.Select(j => new RelatedSpan(j.Id.Span, $"replication job '{j.Id.Value}' to {j.Target!.Value}")));
            if (recovery.Span is { } why && why != resource.Section.HeaderSpan) related.Add(new RelatedSpan(why, recovery.Why));
            yield return Report(resource.Section.HeaderSpan,
                $"HA may recover {resource.Sid} ({DrText.Guest(guest)}) on {(outside.Count == 1 ? "node" : "nodes")} {DrText.List(outside)} ({recovery.Why}), {(outside.Count == 1 ? "which holds" : "which hold")} no replica of its local ZFS disks ({DrText.List(disks.Select(d => d.Key.Value))}): replicas exist only on {DrText.List(replicas.Order(StringComparer.Ordinal))}, and started elsewhere the guest finds no disk.",
                related);
        }
    }
}
