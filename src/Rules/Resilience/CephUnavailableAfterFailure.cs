using PveLint.Analysis.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Simulation;
using PveLint.Simulation.Ceph;
using PveLint.Simulation.Scenarios;

namespace PveLint.Rules.Resilience;

/// <summary>
/// PVE6006: after one failure (a node, a site, a netsplit between sites, the QDevice host) the monitors lose quorum or
/// a pool has PGs below min_size. Reads the Ceph layer of the simulation only.
/// </summary>
public sealed class CephUnavailableAfterFailure : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE6006", "ceph-unavailable-after-failure",
        "A single failure leaves Ceph without monitor quorum or a pool below min_size",
        Severity.Error, RuleCategory.Resilience,
        "HA can restart a guest on another node only if its disks answer there. When one node, one site or the link between sites fails and the Ceph monitors lose their majority, every pool stops; when a pool's placement groups keep fewer than min_size copies, I/O to them blocks. Either way the guests are 'recovered' but hang on their disks.",
        "Place the monitors so that every single failure leaves a strict majority on one side (an odd count, a tiebreaker monitor in a third location); give pools a CRUSH rule whose failure domain matches the failures you expect (host, datacenter) with size ≥ min_size + 1 per domain lost, or use stretch mode for two-site clusters.",
        "simulation", "ceph", "monitors", "pools");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var view = CephView.Of(model);
        foreach (var verdict in Simulator.For(model).Scenarios.Where(v => v.Scenario.FailureCount == 1))
        {
            if (verdict.Ceph is not { Unavailable: true } ceph) continue;
            var blocked = ceph.BlockedPools.ToList();
            if (!ceph.Monitors.HasQuorum)
            {
                var monitors = view.Monitors.Where(m => m.Span is not null).ToList();
                var related = monitors.Skip(1).Select(m => new RelatedSpan(m.Span!.Value, m.Describe()))
                    .Concat(PoolSpans(blocked)).Concat(ScenarioNarrative.SiteSpans(model, Sites(verdict.Scenario)));
                yield return Report(monitors.FirstOrDefault()?.Span, NoQuorumMessage(verdict, ceph, blocked), related);
            }
            else if (blocked.Count > 0)
            {
                var related = PoolSpans(blocked.Skip(1)).Concat(RuleSpans(view, blocked)).Concat(ScenarioNarrative.SiteSpans(model, Sites(verdict.Scenario)));
                yield return Report(blocked[0].Pool.Span, PoolsMessage(verdict, ceph, blocked), related);
            }
            else
            {
                // Every pool is fine for the monitors' side, but HA runs guests on the other side of the split.
                var cutOff = ceph.BlockedServices.Where(b => b.CutOff).Select(b => model.HaResource(b.Sid)).OfType<HaResource>().ToList();
                var related = cutOff.Skip(1).Select(r => new RelatedSpan(r.Section.HeaderSpan, $"HA resource {r.Sid}"))
                    .Concat(ScenarioNarrative.SiteSpans(model, Sites(verdict.Scenario)));
                yield return Report(cutOff.FirstOrDefault()?.Section.HeaderSpan, CutOffMessage(verdict, ceph), related);
            }
        }
    }

    private static string NoQuorumMessage(ScenarioVerdict verdict, CephVerdict ceph, List<PoolVerdict> blocked)
    {
        var who = verdict.Scenario.IsSplit ? "no side has monitor quorum" : "no monitor quorum";
        var pools = blocked.Count == 0 ? "" : $"; pool{(blocked.Count == 1 ? "" : "s")} {ScenarioNarrative.List(blocked.Select(p => p.Pool.Name).ToList())} block{(blocked.Count == 1 ? "s" : "")}";
        return $"{verdict.Scenario.Title}: {ceph.Monitors.Describe()}: {who}, all Ceph I/O stops{pools}{Services(ceph)}";
    }

    private static string PoolsMessage(ScenarioVerdict verdict, CephVerdict ceph, List<PoolVerdict> blocked)
    {
        var osds = ceph.LostOsds.Select(o => "osd." + o).ToList();
        var down = osds.Count == 0 ? "" : $"{ScenarioNarrative.List(osds)} down ({osds.Count} of {ceph.OsdCount}); ";
        var election = ceph.Monitors.Winner is null ? " (the worse side of the monitor election)" : "";
        var pools = string.Join("; ", blocked.Select(p => $"pool {p.Pool.Name}: {p.Reason}"));
        return $"{verdict.Scenario.Title}: {down}{pools}{election}, so I/O to them blocks{Services(ceph)}";
    }

    private static string CutOffMessage(ScenarioVerdict verdict, CephVerdict ceph)
    {
        var side = ceph.Monitors.Winner is { } w ? ceph.Monitors.Sides[w].Name : "one side";
        return $"{verdict.Scenario.Title}: {ceph.Monitors.Describe()}: monitor quorum and the OSDs serving I/O are in {side}{Services(ceph)}";
    }

    private static string Services(CephVerdict ceph)
    {
        var cutOff = ceph.BlockedServices.Where(s => s.CutOff).Select(s => $"{s.Sid} (on {s.Node})").ToList();
        var recovered = ceph.BlockedServices.Where(s => s.Recovered && !s.CutOff).Select(s => $"{s.Sid} (on {s.Node})").ToList();
        var running = ceph.BlockedServices.Where(s => !s.Recovered && !s.CutOff).Select(s => s.Sid).ToList();
        var parts = "";
        if (cutOff.Count > 0)
            parts += $"; HA runs {ScenarioNarrative.List(cutOff)} on the other side, cut off from {(cutOff.Count == 1 ? "its" : "their")} disks";
        if (recovered.Count > 0) parts += $"; {ScenarioNarrative.List(recovered)} recovered but blocked on {(recovered.Count == 1 ? "its" : "their")} disks";
        if (running.Count > 0) parts += $"; {ScenarioNarrative.List(running)} keep{(running.Count == 1 ? "s" : "")} running with blocked disks";
        return parts;
    }

    private static IEnumerable<string> Sites(FailureScenario scenario) =>
        scenario.FailedSites.Concat(scenario.IsSplit ? scenario.Partitions.SelectMany(p => p.Sites) : []).Distinct(StringComparer.Ordinal);

    private static IEnumerable<RelatedSpan> PoolSpans(IEnumerable<PoolVerdict> pools) =>
        pools.Select(p => new RelatedSpan(p.Pool.Span, $"pool {p.Pool.Name} (size {p.Pool.Size}, min_size {p.Pool.MinSize}, CRUSH rule {p.Pool.CrushRule})"));

    private static IEnumerable<RelatedSpan> RuleSpans(CephView view, IEnumerable<PoolVerdict> pools) =>
        pools.Select(p => view.RuleOf(p.Pool)).OfType<CrushRule>().Distinct()
            .Select(r => new RelatedSpan(r.Span, $"CRUSH rule {r.Name} ({RuleText.Describe(r)})"));
}
