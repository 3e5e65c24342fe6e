using CsCheck;
using PveLint.Analysis.Ceph;

namespace PveLint.Simulation.Tests.Ceph;

/// <summary>
/// Generated clusters (1–3 sites of 1–3 nodes, random monitors, tiebreaker, stretch mode and pools): the Ceph layer's
/// arithmetic holds for every scenario, and its per-scenario pool verdicts (one mapping per pool, filtered) agree with
/// <see cref="PgAvailability.Evaluate"/> run from scratch on the same lost OSDs.
/// </summary>
public class CephLayerPropertyTests
{
    private static readonly Gen<CephCluster> Clusters =
        from siteCount in Gen.Int[1, 3]
        from sizes in Gen.Int[1, 3].Array[siteCount]
        from monitorMask in Gen.Int[1, 511]
        from tiebreaker in Gen.Bool
        from stretch in Gen.Bool
        from pools in Gen.Select(Gen.Int[1, 4], Gen.Int[1, 3], Gen.Int[0, 1], Gen.Int[3, 5].Select(e => 1 << e)).Array[1, 2]
        let sites = sizes.Select((n, s) => Enumerable.Range(1, n).Select(i => $"s{s}n{i}").ToArray()).ToArray()
        let nodes = sites.SelectMany(s => s).ToArray()
        select new CephCluster
        {
            Sites = sites,
            Monitors = nodes.Where((_, i) => (monitorMask & (1 << i)) != 0).DefaultIfEmpty(nodes[0]).ToArray(),
            Tiebreaker = tiebreaker,
            StretchMode = stretch && siteCount == 2 && tiebreaker,
            Pools = pools.Select((p, i) => ($"p{i}", p.Item1, Math.Min(p.Item2, p.Item1), p.Item3, p.Item4)).ToArray(),
        };

    [Fact]
    public void Monitor_arithmetic_holds_and_pool_verdicts_agree_with_a_fresh_evaluation()
    {
        var compared = 0;
        var blocked = 0;
        Clusters.Sample(cluster =>
        {
            var model = cluster.Bind();
            var hierarchy = new CrushHierarchy(model.Ceph.Crush!);
            foreach (var verdict in Simulator.Run(model, 2).Scenarios)
            {
                var ceph = verdict.Ceph!;
                var m = ceph.Monitors;
                Assert.Equal(m.Total / 2 + 1, m.Needed);
                Assert.Equal(m.Total, m.Lost.Length + m.Shared.Length + m.Sides.Sum(s => s.Monitors.Length));
                Assert.All(m.Candidates, c => Assert.True(m.Sides[c].Monitors.Length + m.Shared.Length >= m.Needed));
                if (ceph.IsUndecidable) continue;
                if (!m.HasQuorum)
                {
                    Assert.All(ceph.Pools, p => Assert.Equal(p.PgCount, p.PgsInactive));
                    continue;
                }
                if (ceph.DegradedStretchMode || m.Candidates.Length > 1) continue;
                var lost = ceph.LostOsds.ToHashSet();
                foreach (var pool in ceph.Pools)
                {
                    Assert.Equal(PgAvailability.Evaluate(hierarchy, pool.Pool, lost, FailureStage.Down).PgsInactive, pool.PgsInactive);
                    compared++;
                    if (pool.Blocks) blocked++;
                }
            }
        }, iter: 40, threads: 1);
        // The sample really compared pools, blocked and not.
        Assert.True(compared > 100 && blocked > 10 && blocked < compared, $"{compared} pool verdicts compared, {blocked} blocked");
    }
}
