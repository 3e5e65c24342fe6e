using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.DisasterRecovery;

public sealed class DisabledReplicationForHaGuest : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE5006", "disabled-replication-for-ha-guest",
        "A disabled replication job for an HA guest",
        Severity.Warning, RuleCategory.Replication,
        "pvesr skips disabled jobs: the replica on the target node keeps the state of the last sync. If HA recovers the guest there, it starts from that old data and everything written since is lost.",
        "Re-enable the job (remove 'disable'), or delete it and the stale replica if the guest should no longer be recovered there.",
        "ha", "replication", "dr");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        foreach (var job in model.Replication.Where(j => j.Disabled))
        {
            var resource = model.HaResource("vm:" + job.GuestId) ?? model.HaResource("ct:" + job.GuestId);
            if (resource is null) continue;
            var disable = job.Section.Properties.TryGetValue("disable", out var line) ? line.Key.Span : job.Id.Span;
            yield return Report(disable,
                $"Replication job '{job.Id.Value}' of HA guest {resource.Sid} to node {job.Target?.Value ?? "?"} is disabled: the replica there is no longer updated, and a recovery on {job.Target?.Value ?? "that node"} starts from data as old as the last sync.",
                [new RelatedSpan(job.Id.Span, $"replication job '{job.Id.Value}'"), new RelatedSpan(resource.Section.HeaderSpan, $"HA resource {resource.Sid}")]);
        }
    }
}
