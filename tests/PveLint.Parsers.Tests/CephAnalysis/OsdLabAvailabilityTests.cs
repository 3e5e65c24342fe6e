using System.Globalization;
using System.Text.Json;
using PveLint.Analysis.Ceph;
using PveLint.Model;
using PveLint.Parsers.Tests.Ceph;
using PveLint.Tests;

namespace PveLint.Parsers.Tests.CephAnalysis;

/// <summary>
/// PG availability against the corpus's lab with real OSD daemons (osd-lab/, reference §3.2, §3.4; the lab ran
/// CRUSH map a): the mapper's PG placements equal the real acting sets of the healthy snapshots, and the PGs
/// pvelint computes as below min_size after a site loss are exactly the PGs Ceph showed as not active.
/// </summary>
public class OsdLabAvailabilityTests
{
    private const string Lab = "osd-lab/r-2dc-osds.";

    private static CrushHierarchy Hierarchy() => new(CephCorpus.Read("a-stretch-2dc-ssd.crush.json").Model.Crush!);

    private static CephPool Pool(string snapshot, string name) =>
        CephCorpus.Read($"{Lab}{snapshot}.osdmap.json").Model.Pools.Single(p => p.Name == name);

    /// <summary>PG seed → (state, acting) of one pool in a <c>ceph pg dump pgs_brief</c> snapshot.</summary>
    private static Dictionary<int, (string State, int[] Acting)> Pgs(string snapshot, int pool)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.CephCorpus, $"{Lab}{snapshot}.pgs-brief.json")));
        var result = new Dictionary<int, (string, int[])>();
        foreach (var pg in doc.RootElement.GetProperty("pg_stats").EnumerateArray())
        {
            var id = pg.GetProperty("pgid").GetString()!.Split('.');
            if (int.Parse(id[0], CultureInfo.InvariantCulture) != pool) continue;
            result[int.Parse(id[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)] =
                (pg.GetProperty("state").GetString()!, pg.GetProperty("acting").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        }
        return result;
    }

    [CorpusTheory]
    [InlineData("1-nostretch-healthy")]
    [InlineData("3-stretch-healthy")]
    [InlineData("6-stretch-healthy-again")]
    public void Healthy_acting_sets_are_the_crush_mappings_of_the_pgs(string snapshot)
    {
        var h = Hierarchy();
        var mapper = new CrushMapper(h);
        var pool = Pool(snapshot, "vm-pool");
        var rule = h.Map.Rules.Single(r => r.Id == pool.CrushRule);
        var pgs = Pgs(snapshot, pool.Id);
        Assert.Equal(pool.PgNum, pgs.Count);
        foreach (var (ps, (_, acting)) in pgs)
            Assert.Equal(acting, mapper.Map(rule, CrushMapper.PlacementSeed(ps, pool.PgpNum, pool.Id), pool.Size, mapper.DefaultWeights()));
    }

    [CorpusFact]
    public void Without_stretch_mode_the_pgs_below_min_size_after_losing_site1_are_the_ones_ceph_left_inactive()
    {
        var h = Hierarchy();
        var site1 = h.DevicesUnder(h.IdOf("site1")!.Value).ToHashSet();
        Assert.Equal([0, 1, 2, 3], site1.Order());
        var total = 0;
        foreach (var name in new[] { "device_health_metrics", "vm-pool" })
        {
            var pool = Pool("2-nostretch-site1-osds-down", name);
            var availability = PgAvailability.Evaluate(h, pool, site1, FailureStage.Down);
            var inactive = Pgs("2-nostretch-site1-osds-down", pool.Id).Where(kv => !kv.Value.State.Split('+').Contains("active")).Select(kv => kv.Key).Order();
            Assert.True(availability.Exact);
            Assert.Equal(inactive, availability.InactivePgs.Order());
            total += availability.PgsInactive;
        }
        Assert.Equal(13, total); // the snapshot's 9 'undersized+peered' and 4 'undersized+degraded+peered' PGs
    }

    [CorpusFact]
    public void In_degraded_stretch_mode_every_pg_stays_active_after_losing_site2()
    {
        var h = Hierarchy();
        var degraded = Pool("4-stretch-site2-down", "vm-pool");
        Assert.Equal((1, 1, -11), (degraded.MinSize, degraded.PeeringCrushBucketCount, degraded.PeeringCrushMandatoryMember!.Value));
        var site2 = h.DevicesUnder(h.IdOf("site2")!.Value).ToHashSet();

        var availability = PgAvailability.Evaluate(h, degraded, site2, FailureStage.Down);
        Assert.True(availability.Exact);
        Assert.Equal(0, availability.PgsInactive);
        Assert.All(Pgs("4-stretch-site2-down", degraded.Id).Values, pg => Assert.Contains("active", pg.State.Split('+')));

        // With the healthy stretch settings (min_size 2, two barrier buckets) the same loss peers nothing: the few
        // seconds before the monitors switch to degraded mode (reference §4.2).
        var healthy = Pool("3-stretch-healthy", "vm-pool");
        Assert.Equal(healthy.PgNum, PgAvailability.Evaluate(h, healthy, site2, FailureStage.Down).PgsInactive);
    }
}
