using PveLint.Analysis.HighAvailability.Placement;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Simulation;

namespace PveLint.Rules.Resilience;

/// <summary>
/// HA services that run nowhere after a failure the cluster survives (PVE6004 for node losses, PVE6005 for site
/// losses): located on the resource's line in resources.cfg, with the rules that name it as related locations.
/// </summary>
internal static class StrandedResources
{
    /// <returns>The message is written when read (the reason behind it is a sentence of its own): a large cluster strands
    /// thousands of services in its node and site losses, and the limits leave most of them out unread.</returns>
    public static IEnumerable<(Located<string>? Where, Func<string> Message, List<RelatedSpan> Related)> Of(ClusterModel model, ScenarioVerdict verdict)
    {
        if (verdict.Ha.Plan is not { } plan) yield break;
        foreach (var service in plan.Stranded.Where(s => s.Outcome is PlacementOutcome.NoRecoveryNode or PlacementOutcome.StartFailed))
        {
            var resource = model.HaResource(service.Sid);
            var related = model.HaRulesNaming(service.Sid).Where(r => !r.Disabled)
                .Select(r => new RelatedSpan(r.Section.HeaderSpan, $"rule {r.Id.Value} names {service.Sid}")).ToList();
            // The placement's reason is a whole sentence naming the service, its node and the rule or disk that decides.
            yield return (resource?.Section.Id, () => string.Concat(verdict.Scenario.Title, ": ", service.Reason.AsSpan().TrimEnd('.')), related);
        }
    }
}
