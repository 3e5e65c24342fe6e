using PveLint.Analysis.DisasterRecovery;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Text;

namespace PveLint.Rules.DisasterRecovery;

public sealed class ReplicationTargetSameSite : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE5003", "replication-target-same-site",
        "Cross-site DR intent, but the replication target is in the source's site",
        Severity.Warning, RuleCategory.Replication,
        "With policy.dr: cross-site the replica must survive the loss of the guest's site. A replication job whose target node is in the same site as the guest loses the guest and its replica together.",
        "Point the replication job's target at a node in another site (and keep the ZFS storage available there), or declare policy.dr: same-site if the site is the failure domain you accept.",
        "replication", "dr", "site");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (DrPolicy.Intent(model) != DrIntent.CrossSite) yield break;
        foreach (var job in model.Replication.Where(j => !j.Disabled && j.Target is not null))
        {
            var guest = model.GuestById(job.GuestId);
            var source = guest?.Node ?? job.Source?.Value;
            if (source is null) continue;
            var target = job.Target!.Value;
            var related = new List<RelatedSpan> { new(job.Id.Span, $"replication job '{job.Id.Value}'") };
            if (guest is not null) related.Add(new RelatedSpan(SourceSpan.WholeFile(guest.Path), DrText.Guest(guest)));
            var (sourceSite, targetSite) = (model.SiteOf(source), model.SiteOf(target));
            var name = $"Replication job '{job.Id.Value}' copies guest {job.GuestId} from node {source} to node {target}";
            if (sourceSite is not null && sourceSite == targetSite)
            {
                if (sourceSite.Span is { } siteSpan) related.Add(new RelatedSpan(siteSpan, $"site {sourceSite.Name}"));
                yield return Report(job.Target.Span, $"{name}, both in site {sourceSite.Name}: losing site {sourceSite.Name} loses the guest and its replica (policy.dr: cross-site).", related);
            }
            else if (sourceSite is null || targetSite is null)
            {
                var unplaced = string.Join(" and ", new[] { sourceSite is null ? source : null, targetSite is null ? target : null }.OfType<string>().Distinct());
                yield return Report(job.Target.Span, $"{name}, but node {unplaced} is in no site of .pvelint.yaml, so pvelint cannot tell whether the replica survives the loss of the guest's site (policy.dr: cross-site); list the node under its site.", related);
            }
        }
    }
}
