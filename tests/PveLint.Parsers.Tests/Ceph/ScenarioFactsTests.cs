using PveLint.Model;

namespace PveLint.Parsers.Tests.Ceph;

/// <summary>
/// Concrete model facts for every scenario of the corpus (corpus/ceph/README.md), each read the way a user would
/// drop it into ceph/: all dumps of the state together.
/// </summary>
public class ScenarioFactsTests
{
    private static CephModel Scenario(string prefix)
    {
        var (model, context) = CephCorpus.ReadScenario(prefix);
        Assert.NotEmpty(CephCorpus.Scenario(prefix));
        Assert.Empty(context.Diagnostics);
        return model;
    }

    private static string[] HostsIn(CrushMap crush, string bucket) => crush.Bucket(bucket)!.Items.Select(i => i.Name).ToArray();

    private static (string, int, int, int, int, bool) PoolFacts(CephPool p) => (p.Name, p.Size, p.MinSize, p.CrushRule, p.PgNum, p.IsStretchPool);

    private static readonly string[] FiveMons = ["pve1", "pve2", "pve3", "pve4", "pve5"];

    private static void AssertStandardStretchMonitors(CephModel m)
    {
        Assert.Equal(FiveMons, m.Monitors.Select(x => x.Name));
        Assert.Equal([0, 1, 2, 3, 4], m.Monitors.Select(x => x.Rank));
        Assert.Equal(["site1", "site1", "site2", "site2", "site3"], m.Monitors.Select(x => x.CrushLocation["datacenter"]));
        Assert.Equal("connectivity", m.ElectionStrategy);
    }

    [SharedFact]
    public void A_healthy_two_site_ssd_stretch_cluster()
    {
        var m = Scenario("a-stretch-2dc-ssd");
        AssertStandardStretchMonitors(m);
        Assert.Equal("pve5", m.TiebreakerMonitor);
        Assert.True(m.StretchModeEnabled);
        Assert.Equal(["pve5"], m.DisallowedLeaders.ToArray());
        Assert.Equal(FiveMons, m.Quorum.ToArray());
        var pve1 = m.Monitors[0];
        Assert.Equal("127.0.0.1:40301", pve1.PublicAddress);
        Assert.Equal(["v2:127.0.0.1:40300", "v1:127.0.0.1:40301"], pve1.Addresses.ToArray());

        Assert.Equal([("vm-pool", 4, 2, 1, 32, true), ("vm-pool2", 4, 2, 1, 32, true)], m.Pools.Select(PoolFacts));
        var pool = m.Pools[0];
        Assert.Equal((1, "replicated", 32, 2, 2, 8, (int?)null), (pool.Id, pool.Type, pool.PgpNum, pool.PeeringCrushBucketCount, pool.PeeringCrushBucketTarget, pool.PeeringCrushBucketBarrier, pool.PeeringCrushMandatoryMember));
        Assert.Equal(["hashpspool", "creating"], pool.Flags.ToArray());
        Assert.Equal(["rbd"], pool.Applications.ToArray());
        Assert.Null(pool.ErasureCodeProfile);

        Assert.Equal(8, m.Osds.Length);
        Assert.All(m.Osds, o => Assert.True(!o.Up && o.In && o.Weight == 1)); // the mon lab had no OSD daemons
        Assert.Equal(new StretchState(true, 2, false, false, 8, m.Stretch!.Span), m.Stretch);
        Assert.Equal("HEALTH_OK", m.Health!.Status);
        Assert.Empty(m.Health.Checks);

        var crush = m.Crush!;
        Assert.EndsWith("a-stretch-2dc-ssd.crush.json", crush.Path); // the JSON dump wins over the text map
        Assert.Equal(["pve1", "pve2"], HostsIn(crush, "site1"));
        Assert.Equal(["pve3", "pve4"], HostsIn(crush, "site2"));
        Assert.Equal(["site1", "site2"], HostsIn(crush, "default"));
        Assert.Equal(["datacenter", "datacenter", "root"], new[] { "site1", "site2", "default" }.Select(b => crush.Bucket(b)!.Type));
        Assert.All(crush.Devices, d => Assert.Equal("ssd", d.Class));
        Assert.Equal(-2, crush.Bucket("pve1")!.ClassIds["ssd"]);
        Assert.Equal(-14, crush.Bucket("default")!.ClassIds["ssd"]);
        Assert.DoesNotContain(crush.Buckets, b => b.Name.Contains('~'));
        Assert.Equal(57212 / 65536.0, crush.Bucket("pve1")!.Items[0].Weight);
        Assert.Equal(228848 / 65536.0, crush.Bucket("default")!.Items[0].Weight);
        Assert.Equal(["replicated_rule", "stretch_rule", "stretch_rule_2take"], crush.Rules.Select(r => r.Name));
        Assert.Equal(
            [new CrushStep("take", "default", null, null, null), new CrushStep("choose_firstn", null, null, 0, "datacenter"),
             new CrushStep("chooseleaf_firstn", null, null, 2, "host"), new CrushStep("emit", null, null, null, null)],
            crush.Rules[1].Steps.ToArray());
        Assert.Equal(50, crush.Tunables["choose_total_tries"]);
        Assert.Equal(54, crush.Tunables["allowed_bucket_algs"]);
    }

    [SharedFact]
    public void A_after_losing_site2_is_in_degraded_stretch_mode()
    {
        var m = Scenario("a-stretch-2dc-ssd.site2-down");
        Assert.Equal(["pve1", "pve2", "pve5"], m.Quorum.ToArray());
        Assert.True(m.Stretch!.Degraded);
        Assert.False(m.Stretch.Recovering);
        Assert.All(m.Pools, p => Assert.Equal((4, 1, 1, -11), (p.Size, p.MinSize, p.PeeringCrushBucketCount, p.PeeringCrushMandatoryMember!.Value)));
        Assert.Equal(["DEGRADED_STRETCH_MODE", "MON_DOWN"], m.Health!.Checks.Select(c => c.Code));
        Assert.Equal("2/5 mons down, quorum pve1,pve2,pve5", m.Health.Checks[1].Message);
        Assert.Equal("HEALTH_WARN", m.Health.Checks[1].Severity);
    }

    [SharedFact]
    public void A_after_site2_came_back_still_degraded()
    {
        var m = Scenario("a-stretch-2dc-ssd.site2-back");
        Assert.Equal(FiveMons, m.Quorum.ToArray());
        Assert.True(m.Stretch!.Degraded);
        Assert.All(m.Pools, p => Assert.Equal(1, p.MinSize));
    }

    [SharedFact]
    public void B_stretch_mode_with_hdd_only()
    {
        var m = Scenario("b-stretch-2dc-hdd");
        AssertStandardStretchMonitors(m);
        Assert.True(m.StretchModeEnabled);
        Assert.All(m.Crush!.Devices, d => Assert.Equal("hdd", d.Class));
        Assert.Equal(238485 / 65536.0, m.Crush.Bucket("pve1")!.Items[0].Weight); // 3.639 as crushtool stores it
        Assert.Equal([("vm-pool", 4, 2, 1, 32, true)], m.Pools.Select(PoolFacts));
    }

    [SharedFact]
    public void C_three_datacenters_refused_and_injected()
    {
        var refused = Scenario("c-stretch-3dc.refused");
        Assert.False(refused.StretchModeEnabled);
        Assert.Null(refused.TiebreakerMonitor);
        Assert.Empty(refused.DisallowedLeaders);
        Assert.Equal("connectivity", refused.ElectionStrategy);
        Assert.Equal([("vm-pool", 3, 2, 0, 32, false)], refused.Pools.Select(PoolFacts));
        Assert.False(refused.Stretch!.Enabled);
        Assert.Equal(12, refused.Osds.Length);

        var injected = Scenario("c-stretch-3dc.injected-after-enable");
        Assert.True(injected.StretchModeEnabled);
        Assert.Equal("pve5", injected.TiebreakerMonitor);
        Assert.Equal("INCORRECT_NUM_BUCKETS_STRETCH_MODE", Assert.Single(injected.Health!.Checks).Code);

        var crush = Scenario("c-stretch-3dc").Crush!;
        Assert.Equal(["site1", "site2", "site3"], crush.Buckets.Where(b => b.Type == "datacenter").Select(b => b.Name).Order());
        Assert.Equal(["pve5", "pve6"], HostsIn(crush, "site3"));
        var threeAz = crush.Rules.Single(r => r.Name == "three_az_rule");
        Assert.Equal(new CrushStep("choose_firstn", null, null, 3, "datacenter"), threeAz.Steps[1]);
    }

    [SharedFact]
    public void D_single_site_classic_election()
    {
        var m = Scenario("d-single-site-3host");
        Assert.Equal(["pve1", "pve2", "pve3"], m.Monitors.Select(x => x.Name));
        Assert.All(m.Monitors, x => Assert.Empty(x.CrushLocation));
        Assert.Equal("classic", m.ElectionStrategy);
        Assert.Null(m.TiebreakerMonitor);
        Assert.False(m.StretchModeEnabled);
        Assert.Equal([("vm-pool", 3, 2, 0, 32, false), ("scratch", 3, 1, 0, 16, false)], m.Pools.Select(PoolFacts));
        Assert.DoesNotContain(m.Crush!.Buckets, b => b.Type == "datacenter");
        Assert.Equal(["pve1", "pve2", "pve3"], HostsIn(m.Crush, "default"));
        Assert.Equal(6, m.Osds.Length);
    }

    [SharedFact]
    public void E_mixed_classes_and_a_device_class_stretch_rule()
    {
        var m = Scenario("e-stretch-2dc-mixed-class");
        var crush = m.Crush!;
        Assert.Equal(["ssd", "hdd", "ssd", "hdd", "ssd", "hdd", "ssd", "hdd"], crush.Devices.Select(d => d.Class));
        Assert.Equal(new Dictionary<string, int> { ["hdd"] = -15, ["ssd"] = -2 }, crush.Bucket("pve1")!.ClassIds);
        var ssdRule = crush.Rules.Single(r => r.Id == 2);
        Assert.Equal("stretch_rule_ssd", ssdRule.Name);
        Assert.Equal(new CrushStep("take", "default", "ssd", null, null), ssdRule.Steps[0]);
        Assert.Equal(new CrushStep("take", "default", "hdd", null, null), crush.Rules.Single(r => r.Name == "replicated_hdd").Steps[0]);
        // Ceph moved every pool, bulk-hdd included, to the stretch rule given to enable_stretch_mode.
        Assert.Equal([("vm-pool", 4, 2, 2, 32, true), ("bulk-hdd", 4, 2, 2, 32, true)], m.Pools.Select(PoolFacts));
    }

    [SharedFact]
    public void F_erasure_pool_blocks_stretch_mode()
    {
        var m = Scenario("f-stretch-2dc-erasure");
        Assert.False(m.StretchModeEnabled);
        Assert.Null(m.TiebreakerMonitor);
        var ec = m.Pools.Single(p => p.Name == "ec-data");
        Assert.Equal((2, "erasure", 4, 3, 2, "ec22"), (ec.Id, ec.Type, ec.Size, ec.MinSize, ec.CrushRule, ec.ErasureCodeProfile));
        Assert.Equal(["hashpspool", "ec_overwrites", "creating"], ec.Flags.ToArray());
        Assert.Equal(("2", "2", "host"), (m.ErasureCodeProfiles["ec22"]["k"], m.ErasureCodeProfiles["ec22"]["m"], m.ErasureCodeProfiles["ec22"]["crush-failure-domain"]));
        var rule = m.Crush!.Rules.Single(r => r.Name == "ec_2dc");
        Assert.Equal("erasure", rule.Type);
        Assert.Equal(
            [new CrushStep("set_chooseleaf_tries", null, null, 5, null), new CrushStep("set_choose_tries", null, null, 100, null),
             new CrushStep("take", "default", null, null, null), new CrushStep("choose_indep", null, null, 2, "datacenter"),
             new CrushStep("chooseleaf_indep", null, null, 2, "host"), new CrushStep("emit", null, null, null, null)],
            rule.Steps.ToArray());
    }

    [SharedFact]
    public void G_unequal_site_weights()
    {
        var crush = Scenario("g-stretch-2dc-unequal-weight").Crush!;
        Assert.Equal([228848 / 65536.0, 286060 / 65536.0], crush.Bucket("default")!.Items.Select(i => i.Weight));
        Assert.Equal(9, crush.Devices.Length);
        var injected = Scenario("g-stretch-2dc-unequal-weight.injected-after-enable");
        Assert.Equal("UNEVEN_WEIGHTS_STRETCH_MODE", Assert.Single(injected.Health!.Checks).Code);
        Assert.True(injected.Stretch!.Enabled);
    }

    [SharedFact]
    public void H_four_monitors_without_tiebreaker()
    {
        var m = Scenario("h-4mons-2-2-no-tiebreaker");
        Assert.Equal(["pve1", "pve2", "pve3", "pve4"], m.Monitors.Select(x => x.Name));
        Assert.Equal(["site1", "site1", "site2", "site2"], m.Monitors.Select(x => x.CrushLocation["datacenter"]));
        Assert.Equal("connectivity", m.ElectionStrategy);
        Assert.Null(m.TiebreakerMonitor);
        Assert.False(m.StretchModeEnabled);
        Assert.Null(m.Crush); // h has no CRUSH dump of its own
        Assert.Equal([("vm-pool", 3, 2, 0, 32, false)], m.Pools.Select(PoolFacts));
    }

    [SharedFact]
    public void I_pool_size_changed_under_stretch_mode()
    {
        var m = Scenario("i-stretch-pool-size-changed");
        Assert.True(m.StretchModeEnabled);
        Assert.Equal([("rbd", 3, 2, 1, 32, true), ("rbd2", 4, 2, 1, 16, true)], m.Pools.Select(PoolFacts));
        var leftover = m.Crush!.Rules.Single(r => r.Id == 3);
        Assert.Equal(("ecpool2", "erasure"), (leftover.Name, leftover.Type));
    }

    [SharedFact]
    public void Handwritten_monmap_with_newer_keys()
    {
        var (m, context) = CephCorpus.Read("handwritten/a-stretch-2dc-ssd.monmap.newer-keys.json");
        Assert.Empty(context.Diagnostics);
        AssertStandardStretchMonitors(m);
        Assert.Equal(["pve5"], m.DisallowedLeaders.ToArray());
        Assert.Equal("pve5", m.TiebreakerMonitor);
    }

    [SharedFact]
    public void Osd_lab_snapshots_track_the_site_loss()
    {
        var healthy = Scenario("osd-lab/r-2dc-osds.1-nostretch-healthy");
        Assert.Equal("classic", healthy.ElectionStrategy);
        Assert.All(healthy.Monitors, x => Assert.Empty(x.CrushLocation));
        Assert.Equal([("device_health_metrics", 3, 2, 0, 1, false), ("vm-pool", 3, 2, 0, 32, false)], healthy.Pools.Select(PoolFacts));
        Assert.All(healthy.Osds, o => Assert.True(o.Up && o.In));

        var site1Down = Scenario("osd-lab/r-2dc-osds.2-nostretch-site1-osds-down");
        Assert.Equal([false, false, false, false, true, true, true, true], site1Down.Osds.Select(o => o.Up));
        Assert.NotEmpty(site1Down.Health!.Checks);

        var degraded = Scenario("osd-lab/r-2dc-osds.4-stretch-site2-down");
        Assert.True(degraded.Stretch!.Degraded);
        Assert.Equal(["pve1", "pve2", "pve5"], degraded.Quorum.ToArray());
        Assert.Equal([true, true, true, true, false, false, false, false], degraded.Osds.Select(o => o.Up));
        Assert.Contains(degraded.Health!.Checks, c => c.Code == "OSD_DATACENTER_DOWN");

        var recovering = Scenario("osd-lab/r-2dc-osds.5-stretch-recovering");
        Assert.True(recovering.Stretch!.Recovering);
        Assert.Contains(recovering.Health!.Checks, c => c.Code == "RECOVERING_STRETCH_MODE");

        var again = Scenario("osd-lab/r-2dc-osds.6-stretch-healthy-again");
        Assert.False(again.Stretch!.Degraded || again.Stretch.Recovering);
        Assert.All(again.Pools, p => Assert.Equal((4, 2, 2), (p.Size, p.MinSize, p.PeeringCrushBucketCount)));
        Assert.Equal("HEALTH_OK", again.Health!.Status);
    }
}
