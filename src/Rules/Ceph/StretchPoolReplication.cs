using PveLint.Analysis.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Ceph;

/// <summary>PVE3005: a stretch pool that is not size 4 / min_size 2 with two copies in each site.</summary>
public sealed class StretchPoolReplication : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE3005", "stretch-pool-replication",
        "A stretch pool that is not size 4 / min_size 2 with two copies in each site",
        Severity.Error, RuleCategory.Ceph,
        "Stretch mode is designed around four copies, two per site: a site loss leaves two, and degraded mode lowers min_size to 1 so I/O goes on. With size 3 one site holds a single copy for some PGs; with a rule that does not put two copies in each site a site loss can take every copy of a PG. Pacific lets 'ceph osd pool set <pool> size 3' through after stretch mode is enabled without any health warning (seen in the lab), so the pools must be checked.",
        "Set size 4 and min_size 2 ('ceph osd pool set <pool> size 4', '... min_size 2') and use a rule that places two copies in each site: 'take default; choose firstn 0 type datacenter; chooseleaf firstn 2 type host; emit'.",
        "ceph", "stretch-mode", "pools", "crush");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var view = CephView.Of(model);
        var layout = view.Stretch;
        if (!layout.Applies) yield break;
        foreach (var pool in layout.Pools.Where(p => p.Type == "replicated"))
        {
            var problems = new List<string>();
            if (pool.Size != 4) problems.Add($"size is {pool.Size}, not 4");
            if (pool.MinSize != 2 && !(layout.Degraded && pool.MinSize == 1)) problems.Add($"min_size is {pool.MinSize}, not 2");
            var rule = view.RuleOf(pool);
            if (rule is not null && view.Placement(rule, pool.Size) is { } placement && !TwoPerSite(placement, layout))
                problems.Add($"rule '{rule.Name}' ({placement.StepsText}) does not put two copies in each site: {Spread(placement)}");
            if (problems.Count == 0) continue;
            yield return Report(pool.Span,
                $"Pool '{pool.Name}' is a stretch pool ({layout.Describe()}), but its {string.Join("; its ", problems)}; a stretch pool needs size 4, min_size 2 and two copies in each of the two sites.",
                rule is null ? null : [new RelatedSpan(rule.Span, $"rule '{rule.Name}' of pool '{pool.Name}'")]);
        }
    }

    /// <summary>Exactly two sites, each holding two copies whatever CRUSH picks, and four copies in all.</summary>
    private static bool TwoPerSite(RulePlacement placement, StretchLayout layout)
    {
        var reached = placement.CopiesPerDomain.Where(kv => kv.Value.Max > 0).ToList();
        return reached.Count == 2 && reached.All(kv => kv.Value.IsExactly(2)) && placement.Copies.IsExactly(4);
    }

    private static string Spread(RulePlacement placement)
    {
        var reached = placement.CopiesPerDomain.Where(kv => kv.Value.Max > 0).ToList();
        if (reached.Count == 0) return $"it reaches no {placement.DomainType} bucket";
        return $"{placement.Copies} copies, " + string.Join(", ", reached.Select(kv => $"{kv.Value} in {kv.Key}"));
    }
}
