using PveLint.Analysis.Ceph;
using PveLint.Binding;
using PveLint.Ceph;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Parsers.Tests.CephAnalysis;

/// <summary>Malformed maps and dumps end in an answer, never a hang or a crash (the readers report the defects).</summary>
public class CephAnalysisRobustnessTests
{
    private const string Cyclic = """
        # begin crush map
        device 0 osd.0
        type 0 osd
        type 1 host
        type 3 rack
        type 11 root
        rack a {
        	id -1
        	alg straw2
        	item b weight 1.000
        }
        rack b {
        	id -2
        	alg straw2
        	item a weight 1.000
        	item osd.0 weight 1.000
        }
        rule r {
        	id 0
        	type replicated
        	step take a
        	step chooseleaf firstn 0 type host
        	step emit
        	step take a
        	step choose indep 1000000 type host
        	step emit
        }
        # end crush map
        """;

    [Fact]
    public void A_cyclic_map_and_absurd_counts_are_evaluated_and_mapped_without_hanging()
    {
        var context = new BindContext();
        var crush = CephDumpReader.Read([new SourceFile("ceph/crush.txt", Cyclic.Replace("        ", "", StringComparison.Ordinal))], context).Crush!;
        Assert.Contains(context.Diagnostics, d => d.Message.Contains("cycle", StringComparison.Ordinal));
        var h = new CrushHierarchy(crush);
        var mapper = new CrushMapper(h);
        var rule = crush.Rules.Single();

        var placement = CrushRuleEvaluator.Evaluate(h, rule, int.MaxValue);
        Assert.False(placement.CanPlaceAll);
        Assert.Equal(0, placement.Copies.Max);
        Assert.All(Enumerable.Range(0, 64), x => Assert.All(mapper.Map(rule, x, int.MaxValue, mapper.DefaultWeights())!, o => Assert.Equal(CrushMapper.None, o)));

        var pool = new CephPool(1, "p", "replicated", 1_000_000, 2, 0, 64, false, SourceSpan.WholeFile("ceph/osdmap.json"));
        Assert.Equal(64, PgAvailability.Evaluate(h, pool, new HashSet<int>(), FailureStage.Down).PgsInactive);
    }

    [Fact]
    public void A_pool_claiming_more_pgs_than_ceph_allows_is_mapped_up_to_the_cap()
    {
        const string twoHosts = "# begin crush map\ndevice 0 osd.0\ndevice 1 osd.1\ntype 0 osd\ntype 1 host\ntype 11 root\n" +
            "host h1 {\n\tid -2\n\talg straw2\n\titem osd.0 weight 1.000\n}\nhost h2 {\n\tid -3\n\talg straw2\n\titem osd.1 weight 1.000\n}\n" +
            "root default {\n\tid -1\n\talg straw2\n\titem h1\n\titem h2\n}\n" +
            "rule r {\n\tid 0\n\ttype replicated\n\tstep take default\n\tstep chooseleaf firstn 0 type host\n\tstep emit\n}\n";
        var context = new BindContext();
        var crush = CephDumpReader.Read([new SourceFile("ceph/crush.txt", twoHosts)], context).Crush!;
        Assert.Empty(context.Diagnostics);
        var pool = new CephPool(1, "p", "replicated", 2, 2, 0, int.MaxValue, false, SourceSpan.WholeFile("ceph/osdmap.json"));
        Assert.Equal(PlacementCheck.MaxPgs, PlacementCheck.PoolInputs(pool).Count());
        var availability = PgAvailability.Evaluate(new CrushHierarchy(crush), pool, new HashSet<int> { 0 }, FailureStage.Down);
        Assert.Equal((PlacementCheck.MaxPgs, PlacementCheck.MaxPgs), (availability.PgCount, availability.PgsInactive));
    }
}
