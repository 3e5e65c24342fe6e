using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class HaGuestOnLocalStorage : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2017", "ha-guest-on-local-storage",
        "An HA guest with a disk on storage the other nodes cannot reach",
        Severity.Error, RuleCategory.HighAvailability,
        "HA recovers a guest by starting its configuration on another node after fencing. A disk on non-shared storage (local-lvm, a local zfspool, a directory) exists only on the failed node, so the guest cannot start anywhere else: recovery fails or starts it without its data. With a storage replication job the other nodes hold a copy, so recovery works but loses everything written since the last sync (a warning).",
        "Move the disk to shared storage (Ceph RBD, NFS, iSCSI/LVM shared), or replicate the guest to the nodes HA may recover it on (ZFS storage replication) and accept the replication interval as data-loss window.",
        "design", "storage");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        foreach (var resource in model.Ha.Resources)
        {
            if (model.GuestOf(resource) is not { } guest || guest.Sid != resource.Sid) continue;
            var localDisks = GuestLocality.LocalDisks(model, guest);
            if (localDisks.Count == 0) continue; // most HA guests: no list of their jobs either
            var jobs = model.ReplicationOf(guest.VmId).Where(j => !j.Disabled).ToList();
            foreach (var (disk, storage) in localDisks)
            {
                var replicated = jobs.Count > 0 && storage.Type == "zfspool" && disk.Replicate;
                var related = new List<RelatedSpan> { new(resource.Section.HeaderSpan, $"HA resource {resource.Sid}") };
                if (storage.Section is { } s) related.Add(new RelatedSpan(s.HeaderSpan, $"{storage.Type} storage '{storage.Id.Value}' is not shared"));
                if (replicated)
                {
                    var targetNames = new List<string>(jobs.Count);
                    foreach (var job in jobs)
                        if (!targetNames.Contains(job.Target?.Value ?? "?")) targetNames.Add(job.Target?.Value ?? "?");
                    var targets = HaText.List(targetNames);
                    foreach (var job in jobs) related.Add(new RelatedSpan(job.Section.HeaderSpan, $"replication job '{job.Id.Value}' to {job.Target?.Value}"));
                    yield return Report(disk.Key.Span,
                        $"HA guest {HaText.Resource(model, resource.Sid)} on node {guest.Node} keeps {disk.Key.Value} on local {storage.Type} storage '{storage.Id.Value}', replicated to {targets}: a recovery there starts from the last replica, so everything written since the last sync is lost.",
                        related, severity: Severity.Warning);
                }
                else
                {
                    yield return Report(disk.Key.Span,
                        $"HA guest {HaText.Resource(model, resource.Sid)} on node {guest.Node} keeps {disk.Key.Value} on local {storage.Type} storage '{storage.Id.Value}'"
                        + (jobs.Count > 0 && !disk.Replicate ? " with replicate=0" : jobs.Count > 0 ? " (replication covers only ZFS storage)" : " with no replication job")
                        + $": the disk exists only on {guest.Node}, so when {guest.Node} fails HA cannot start the guest on any other node.", related);
                }
            }
        }
    }
}
