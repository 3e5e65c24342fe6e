using PveLint.Analysis.Ceph;
using PveLint.Binding;
using PveLint.Ceph;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Parsers.Tests.CephAnalysis;

/// <summary>The structural evaluator's semantics on small maps (the differential tests cover the volume).</summary>
public class CrushRuleEvaluatorTests
{
    /// <summary>Two datacenters of two hosts; each host has an ssd and (on pve1, pve2) an hdd OSD.</summary>
    private const string Map = """
        # begin crush map
        tunable choose_total_tries 50
        tunable chooseleaf_descend_once 1
        tunable chooseleaf_vary_r 1
        tunable chooseleaf_stable 1
        device 0 osd.0 class ssd
        device 1 osd.1 class hdd
        device 2 osd.2 class ssd
        device 3 osd.3 class hdd
        device 4 osd.4 class ssd
        device 5 osd.5 class ssd
        type 0 osd
        type 1 host
        type 8 datacenter
        type 11 root
        host pve1 {
        	id -2
        	id -20 class ssd
        	id -30 class hdd
        	alg straw2
        	item osd.0 weight 1.000
        	item osd.1 weight 1.000
        }
        host pve2 {
        	id -3
        	id -21 class ssd
        	id -31 class hdd
        	alg straw2
        	item osd.2 weight 1.000
        	item osd.3 weight 1.000
        }
        host pve3 {
        	id -4
        	id -22 class ssd
        	id -32 class hdd
        	alg straw2
        	item osd.4 weight 1.000
        }
        host pve4 {
        	id -5
        	id -23 class ssd
        	id -33 class hdd
        	alg straw2
        	item osd.5 weight 0.000
        }
        datacenter site1 {
        	id -6
        	id -24 class ssd
        	id -34 class hdd
        	alg straw2
        	item pve1
        	item pve2
        }
        datacenter site2 {
        	id -7
        	id -25 class ssd
        	id -35 class hdd
        	alg straw2
        	item pve3
        	item pve4
        }
        root default {
        	id -1
        	id -26 class ssd
        	id -36 class hdd
        	alg straw2
        	item site1
        	item site2
        }
        rule stretch {
        	id 0
        	type replicated
        	step take default class ssd
        	step choose firstn 0 type datacenter
        	step chooseleaf firstn 2 type host
        	step emit
        }
        rule hosts_hdd {
        	id 1
        	type replicated
        	step take default class hdd
        	step chooseleaf firstn 0 type host
        	step emit
        }
        rule two_takes {
        	id 2
        	type replicated
        	step take site1
        	step chooseleaf firstn 2 type host
        	step emit
        	step take site2
        	step chooseleaf indep 2 type host
        	step emit
        }
        # end crush map
        """;

    private static CrushHierarchy Hierarchy()
    {
        var context = new BindContext();
        var model = CephDumpReader.Read([new SourceFile("ceph/crush.txt", Map.Replace("        ", "", StringComparison.Ordinal))], context);
        Assert.Empty(context.Diagnostics);
        return new CrushHierarchy(model.Crush!);
    }

    private static RulePlacement Evaluate(string rule, int size, IReadOnlyList<uint>? weights = null, IReadOnlySet<int>? failed = null)
    {
        var h = Hierarchy();
        return CrushRuleEvaluator.Evaluate(h, h.Map.Rules.Single(r => r.Name == rule), size, weights, failed, "datacenter");
    }

    [Fact]
    public void A_zero_weight_osd_counts_as_missing_so_a_site_with_one_usable_host_places_one_copy()
    {
        var p = Evaluate("stretch", 4);
        Assert.Equal(CountRange.Exactly(3), p.Copies);
        Assert.Equal(CountRange.Exactly(2), p.CopiesPerDomain["site1"]);
        Assert.Equal(CountRange.Exactly(1), p.CopiesPerDomain["site2"]);
        var shortfall = Assert.Single(p.Shortfalls);
        Assert.Equal(("site2", "ssd", 2), (shortfall.Parent, shortfall.DeviceClass, shortfall.Requested));
        Assert.Equal(["pve3"], shortfall.Usable.ToArray());
        Assert.Equal(["pve4"], shortfall.Unusable.ToArray());
    }

    [Fact]
    public void A_class_reaches_only_the_hosts_that_have_osds_of_it()
    {
        var p = Evaluate("hosts_hdd", 3);
        Assert.False(p.CanPlaceAll);
        Assert.Equal(CountRange.Exactly(2), p.Copies);
        Assert.Equal(["pve1", "pve2"], Assert.Single(p.Shortfalls).Usable.ToArray());
        Assert.Equal(CountRange.Exactly(2), p.CopiesPerDomain["site1"]);
        Assert.Equal(CountRange.Zero, p.CopiesPerDomain["site2"]);
    }

    [Fact]
    public void Out_osds_count_as_missing_but_a_plain_choose_still_takes_their_datacenter()
    {
        var h = Hierarchy();
        var weights = new CrushMapper(h).DefaultWeights();
        weights[4] = 0; // pve3's only ssd is out: site2 has no usable ssd left, yet 'choose … type datacenter' still picks it
        var p = CrushRuleEvaluator.Evaluate(h, h.Map.Rules[0], 4, weights, null, "datacenter");
        Assert.Equal(CountRange.Exactly(2), p.Copies);
        Assert.Equal(CountRange.Zero, p.CopiesPerDomain["site2"]);
    }

    [Fact]
    public void Several_take_blocks_add_up_and_indep_counts_the_positions_it_fills()
    {
        var p = Evaluate("two_takes", 4);
        Assert.Equal(CountRange.Exactly(3), p.Copies); // site1: pve1, pve2; site2: only pve3 (pve4's OSD has weight 0)
        Assert.Equal(["site1", "site2"], p.DomainsReached);
    }

    [Fact]
    public void Failed_osds_that_are_only_down_are_subtracted_from_what_the_rule_placed()
    {
        var site1 = new HashSet<int> { 0, 1, 2, 3 };
        var p = Evaluate("stretch", 4, failed: site1);
        Assert.Equal(CountRange.Exactly(3), p.Copies);
        Assert.Equal(CountRange.Exactly(1), p.Survivors);
        Assert.Equal(["site2"], p.DomainsAlwaysHeld);
    }

    [Fact]
    public void Shadow_buckets_keep_the_real_items_order_and_the_ids_of_the_map()
    {
        var h = Hierarchy();
        var shadow = h.Bucket(h.ResolveTake("site2", "ssd")!.Value)!;
        Assert.Equal((-25, "site2~ssd", false), (shadow.Id, shadow.Name, shadow.MadeUpId));
        Assert.Equal([-22, -23], shadow.Items.ToArray());
        Assert.Equal([65536u, 0u], shadow.Weights.ToArray()); // pve3~ssd holds osd.4 (1.0); pve4~ssd only a zero-weight OSD
        Assert.Null(h.ResolveTake("nowhere", null));
        Assert.Equal(-6, h.RealOf(h.ResolveTake("site1", "hdd")!.Value));
    }

    [Fact]
    public void Stretch_shapes_are_recognised_and_a_three_zone_rule_is_not()
    {
        var h = Hierarchy();
        Assert.True(StretchRuleShape.IsStretchShaped(h, h.Map.Rules[0], "datacenter"));
        Assert.False(StretchRuleShape.IsStretchShaped(h, h.Map.Rules[1], "datacenter"));
        Assert.True(StretchRuleShape.IsStretchShaped(h, h.Map.Rules[2], "datacenter"));
        var threeZones = h.Map.Rules[0] with { Steps = h.Map.Rules[0].Steps.SetItem(1, h.Map.Rules[0].Steps[1] with { Num = 3 }) };
        Assert.False(StretchRuleShape.IsStretchShaped(h, threeZones, "datacenter"));
    }
}
