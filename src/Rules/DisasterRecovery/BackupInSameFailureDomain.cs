using System.Collections.Immutable;
using PveLint.Analysis.DisasterRecovery;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Text;

namespace PveLint.Rules.DisasterRecovery;

public sealed class BackupInSameFailureDomain : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE5002", "backup-in-same-failure-domain",
        "Backups stored on the cluster they protect, or in the same site",
        Severity.Error, RuleCategory.Replication,
        "A backup protects against the loss of what it is stored apart from. Backups on the nodes, on the cluster's own Ceph or on a PBS/NFS server that runs as a guest of the cluster disappear in the same disaster as the guests; with policy.dr: cross-site, a backup server in the guests' own site disappears with the site.",
        "Store the jobs' backups on a PBS or NFS/CIFS server outside the cluster (for cross-site DR: in another site, e.g. a third location), declare its network under the site's addresses: in .pvelint.yaml, and point the backup job's storage at it.",
        "backup", "dr", "failure-domain");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var intent = DrPolicy.Intent(model);
        if (intent == DrIntent.None) yield break;
        foreach (var job in model.BackupJobs.Where(j => j.Enabled))
        {
            if (job.TargetStorage is not { } storeId || model.Storage(storeId) is not { } storage) continue;
            var location = StoragePlacement.Locate(model, storage);
            var span = job.Storage?.Span ?? job.Id.Span;
            var target = job.StorageIsDefault ? $"writes to {location.Description} (vzdump's fallback: the job names no storage, assuming no /etc/vzdump.conf on the nodes sets one)" : $"writes to {location.Description}";
            var related = Related(job, location);
            var name = $"Backup job '{job.Id.Value}'";
            switch (location.Home)
            {
                case StorageHome.Nodes:
                    yield return Report(span, $"{name} {target}: each backup stays on the node of its guest, so losing the node (or its site) loses the guests and their backups.", related);
                    break;
                case StorageHome.ClusterCeph:
                case StorageHome.ClusterGuest:
                    yield return Report(span, $"{name} {target}: the backups live on the cluster they protect, so a disaster that takes the cluster takes them too.", related);
                    break;
                case StorageHome.External when intent == DrIntent.CrossSite:
                    if (SameSiteGuests(model, job, location) is { Count: > 0 } exposed)
                        foreach (var (site, guests) in exposed)
                            yield return Report(span, $"{name} stores guests of site {site.Name}{(guests.Count > 0 ? $" ({DrText.List(guests.Select(g => $"{(g.Kind == GuestKind.Qemu ? "VM" : "CT")} {g.VmId}"))})" : "")} and {target}: losing site {site.Name} loses the guests and their backups (policy.dr: cross-site).", related);
                    break;
                case StorageHome.Unknown:
                    yield return new Finding(Meta, Severity.Warning,
                        $"{name} {target}, so pvelint cannot tell whether the backups survive the loss of the guests' node or site; declare the server's network under a site's addresses: in .pvelint.yaml (a third location for cross-site DR).",
                        span, related);
                    break;
            }
        }
    }

    /// <summary>The sites the backup server is in that also hold guests the job backs up (or, without guest configs, cluster nodes).</summary>
    private static List<(Site Site, List<Guest> Guests)> SameSiteGuests(ClusterModel model, BackupJob job, StorageLocation location)
    {
        var result = new List<(Site, List<Guest>)>();
        foreach (var site in location.Sites)
        {
            var guests = model.Guests.Where(g => model.SiteOf(g.Node) == site && job.Covers(g, model.PoolOf)).ToList();
            if (guests.Count > 0 || (model.Guests.Length == 0 && site.Nodes.Length > 0)) result.Add((site, guests));
        }
        return result;
    }

    private static ImmutableArray<RelatedSpan> Related(BackupJob job, StorageLocation location)
    {
        var related = ImmutableArray.CreateBuilder<RelatedSpan>();
        related.Add(new RelatedSpan(job.Id.Span, $"backup job '{job.Id.Value}'"));
        if (location.HostLine is { } line) related.Add(new RelatedSpan(line, $"storage '{location.Storage.Id.Value}'"));
        else related.Add(new RelatedSpan(location.Storage.Id.Span, $"storage '{location.Storage.Id.Value}'"));
        if (location.ServingGuest is { } guest) related.Add(new RelatedSpan(location.ServingGuestLine ?? SourceSpan.WholeFile(guest.Path), $"the guest that serves it: {DrText.Guest(guest)}"));
        return related.ToImmutable();
    }
}
