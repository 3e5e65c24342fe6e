using System.Text.RegularExpressions;
using PveLint.Analysis.Ceph;
using PveLint.Model;
using PveLint.Text;
using Xunit.Abstractions;

namespace PveLint.Parsers.Tests.CephAnalysis;

/// <summary>
/// pvelint's CRUSH mapper, structural rule evaluator and PG availability against crushtool 16.2.15 on the generated
/// maps of tests/data/crush-oracle (generate.py says what varies). The figures are printed to the test output.
/// </summary>
public partial class CrushOracleTests(ITestOutputHelper output)
{
    private static int DefaultMinSize(int size) => size - size / 2;

    [Fact]
    public void There_are_at_least_100_generated_maps_and_50_failure_cases()
    {
        var names = CrushOracle.MapNames().ToList();
        Assert.True(names.Count >= 100, $"{names.Count} maps");
        Assert.True(names.Count(n => CrushOracle.Runs(n).Any(r => r.Comment?.StartsWith("failure", StringComparison.Ordinal) == true)) >= 50);
    }

    [Fact]
    public void Every_mapping_and_bad_mapping_equals_crushtool()
    {
        int runs = 0, lines = 0;
        var mismatches = new List<string>();
        foreach (var name in CrushOracle.MapNames())
        {
            var map = CrushOracle.Map(name);
            foreach (var run in CrushOracle.Runs(name))
            {
                runs++;
                var ours = CrushtoolReplay.Map(map, run);
                foreach (var (x, expected) in run.Mappings)
                {
                    lines++;
                    if (CrushtoolReplay.Show(expected) != CrushtoolReplay.Show(ours[x]))
                        mismatches.Add($"{name}: {run.Command}: x {x} crushtool {CrushtoolReplay.Show(expected)} pvelint {CrushtoolReplay.Show(ours[x])}");
                }
                if (!run.ShowsBadMappings) continue;
                for (var x = run.MinX; x <= run.MaxX; x++)
                {
                    lines++;
                    var theirs = run.BadMappings.TryGetValue(x, out var b) ? CrushtoolReplay.Show(b) : "good";
                    var mine = CrushtoolReplay.IsBad(ours[x], run.NumRep) ? CrushtoolReplay.Show(ours[x]) : "good";
                    if (theirs != mine) mismatches.Add($"{name}: {run.Command}: x {x} crushtool {theirs} pvelint {mine}");
                }
            }
        }
        output.WriteLine($"exact mapping: {lines - mismatches.Count}/{lines} inputs equal over {runs} crushtool runs");
        foreach (var m in mismatches.Take(20)) output.WriteLine(m);
        Assert.Empty(mismatches);
    }

    [Fact]
    public void Structural_evaluation_agrees_with_crushtool_show_bad_mappings()
    {
        int runs = 0, agree = 0, unsatisfiable = 0;
        var disagreements = new List<string>();
        foreach (var name in CrushOracle.MapNames())
        {
            var map = CrushOracle.Map(name);
            var hierarchy = new CrushHierarchy(map);
            var mapper = new CrushMapper(hierarchy);
            foreach (var run in CrushOracle.Runs(name).Where(r => r.ShowsBadMappings))
            {
                runs++;
                var rule = map.Rules.Single(r => r.Id == run.Rule);
                var placement = CrushRuleEvaluator.Evaluate(hierarchy, rule, run.NumRep, CrushtoolReplay.Weights(mapper, run));
                var crushtoolPlacesAll = run.BadMappings.Count == 0;
                if (!placement.CanPlaceAll) unsatisfiable++;
                if (placement.CanPlaceAll == crushtoolPlacesAll) agree++;
                else disagreements.Add($"{name}: {run.Command}: pvelint copies {placement.Copies}, crushtool {run.BadMappings.Count} bad of {run.MaxX - run.MinX + 1}");
            }
        }
        output.WriteLine($"structural 'can place size copies' vs crushtool --show-bad-mappings: {agree}/{runs} runs agree ({unsatisfiable} unsatisfiable)");
        foreach (var d in disagreements) output.WriteLine(d);
        Assert.True(unsatisfiable > 0 && unsatisfiable < runs);
        Assert.Empty(disagreements);
    }

    [GeneratedRegex(@"^pool (\d+): rule (\d+), size (\d+)$")]
    private static partial Regex PoolComment();

    [GeneratedRegex(@"^failure: (\S+) (\S+) \(osds ([\d,]*)\)$")]
    private static partial Regex FailureComment();

    [Fact]
    public void Pools_losing_min_size_after_a_failure_agree_with_crushtool()
    {
        int cases = 0, exactAgree = 0, structuralAgree = 0, structuralOverstates = 0, losses = 0;
        var problems = new List<string>();
        foreach (var name in CrushOracle.MapNames())
        {
            var map = CrushOracle.Map(name);
            var hierarchy = new CrushHierarchy(map);
            var runs = CrushOracle.Runs(name);
            var baseRun = runs.FirstOrDefault(r => r.Comment is { } c && PoolComment().IsMatch(c));
            if (baseRun is null) continue;
            var m = PoolComment().Match(baseRun.Comment!);
            var size = int.Parse(m.Groups[3].Value);
            var pool = new CephPool(int.Parse(m.Groups[1].Value), "pool" + m.Groups[1].Value, "replicated", size, DefaultMinSize(size),
                int.Parse(m.Groups[2].Value), baseRun.MaxX + 1, false, SourceSpan.WholeFile(name)) { PgpNum = baseRun.MaxX + 1, Flags = ["hashpspool"] };
            foreach (var outRun in runs.Where(r => r.Comment is { } c && FailureComment().IsMatch(c)))
            {
                var f = FailureComment().Match(outRun.Comment!);
                var failed = f.Groups[3].Value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToHashSet();
                foreach (var stage in new[] { FailureStage.Down, FailureStage.Out })
                {
                    cases++;
                    // crushtool's truth: down = the healthy mapping without the failed OSDs; out = the mapping with them weighted 0.
                    var source = stage == FailureStage.Down ? baseRun : outRun;
                    var inactive = source.Mappings.Count(kv => kv.Value.Count(o => o != CrushMapper.None && !failed.Contains(o)) < pool.MinSize);
                    if (inactive > 0) losses++;

                    var exact = PgAvailability.Evaluate(hierarchy, pool, failed, stage);
                    Assert.True(exact.Exact);
                    if (exact.PgsInactive == inactive) exactAgree++;
                    else problems.Add($"{name} {f.Groups[1].Value} {f.Groups[2].Value} {stage}: crushtool {inactive} PGs below min_size {pool.MinSize}, pvelint {exact.PgsInactive}");

                    var rule = map.Rules.Single(r => r.Id == pool.CrushRule);
                    var placement = stage == FailureStage.Down
                        ? CrushRuleEvaluator.Evaluate(hierarchy, rule, size, null, failed)
                        : CrushRuleEvaluator.Evaluate(hierarchy, rule, size, WeightsWithout(hierarchy, failed));
                    var mayLose = placement.Survivors.Min < pool.MinSize;
                    if (mayLose == inactive > 0) structuralAgree++;
                    else if (mayLose) structuralOverstates++;
                    else problems.Add($"{name} {f.Groups[2].Value} {stage}: crushtool {inactive} PGs below min_size, structural worst case says none can be");
                }
            }
        }
        output.WriteLine($"failure question, exact (per PG): {exactAgree}/{cases} cases agree; {losses} cases lose min_size");
        output.WriteLine($"failure question, structural worst case: {structuralAgree}/{cases} agree, {structuralOverstates} 'may lose' where crushtool's {32} PGs all kept min_size");
        foreach (var p in problems) output.WriteLine(p);
        Assert.True(cases >= 100 && losses > 0);
        Assert.Empty(problems);
    }

    private static uint[] WeightsWithout(CrushHierarchy hierarchy, IReadOnlySet<int> failed)
    {
        var weights = new CrushMapper(hierarchy).DefaultWeights();
        foreach (var osd in failed) if (osd < weights.Length) weights[osd] = 0;
        return weights;
    }
}
