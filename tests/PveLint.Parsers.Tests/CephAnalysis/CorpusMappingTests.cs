using PveLint.Analysis.Ceph;
using PveLint.Parsers.Tests.Ceph;
using PveLint.Tests;

namespace PveLint.Parsers.Tests.CephAnalysis;

/// <summary>
/// The corpus's crushtool --test transcripts (Ceph 16.2.15, reference §4.1) replayed with pvelint's CRUSH mapper:
/// every mapping line and every bad-mapping line must come out the same, from the JSON dump and from the text map.
/// </summary>
public class CorpusMappingTests
{
    public static TheoryData<string, string> Transcripts()
    {
        var data = new TheoryData<string, string>();
        if (!Directory.Exists(TestPaths.CephCorpus)) return data;
        foreach (var file in Directory.EnumerateFiles(TestPaths.CephCorpus, "*.crushtool-test.txt").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file)[..^".crushtool-test.txt".Length];
            data.Add(name, "crush.json");
            data.Add(name, "crush.txt");
        }
        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(Transcripts))]
    public void Mappings_equal_crushtool(string scenario, string form)
    {
        var map = CephCorpus.Read($"{scenario}.{form}").Model.Crush!;
        var runs = CrushtoolTranscript.Parse(File.ReadAllText(Path.Combine(TestPaths.CephCorpus, $"{scenario}.crushtool-test.txt")));
        Assert.NotEmpty(runs);
        var compared = 0;
        foreach (var run in runs)
        {
            var ours = CrushtoolReplay.Map(map, run);
            foreach (var (x, expected) in run.Mappings)
            {
                Assert.True(CrushtoolReplay.Show(expected) == CrushtoolReplay.Show(ours[x]), $"{run.Command}: x {x} crushtool {CrushtoolReplay.Show(expected)}, pvelint {CrushtoolReplay.Show(ours[x])}");
                compared++;
            }
            if (run.ShowsBadMappings)
            {
                var bad = ours.Where(kv => CrushtoolReplay.IsBad(kv.Value, run.NumRep)).ToDictionary(kv => kv.Key, kv => CrushtoolReplay.Show(kv.Value));
                Assert.Equal(run.BadMappings.ToDictionary(kv => kv.Key, kv => CrushtoolReplay.Show(kv.Value)), bad);
                compared += run.MaxX - run.MinX + 1;
            }
        }
        Assert.True(compared > 0);
    }

    /// <summary>The structural answer and PVE3009's decision on the corpus's --show-bad-mappings runs (a: healthy, and site2 out).</summary>
    [CorpusFact]
    public void Structural_evaluation_and_the_pve3009_decision_agree_with_the_corpus_bad_mapping_runs()
    {
        var runs = 0;
        foreach (var scenario in Transcripts().Select(row => (string)row[0]).Distinct())
        {
            var map = CephCorpus.Read($"{scenario}.crush.json").Model.Crush!;
            var mapper = new CrushMapper(new CrushHierarchy(map));
            foreach (var run in CrushtoolTranscript.Parse(File.ReadAllText(Path.Combine(TestPaths.CephCorpus, $"{scenario}.crushtool-test.txt"))).Where(r => r.ShowsBadMappings))
            {
                runs++;
                var rule = map.Rules.Single(r => r.Id == run.Rule);
                var weights = CrushtoolReplay.Weights(mapper, run);
                var structural = CrushRuleEvaluator.Evaluate(mapper.Hierarchy, rule, run.NumRep, weights);
                var check = PlacementCheck.Run(mapper, rule, run.NumRep, weights, Enumerable.Range(run.MinX, run.MaxX - run.MinX + 1));
                Assert.Equal(run.BadMappings.Count == 0, structural.CanPlaceAll);
                Assert.Equal(run.BadMappings.Count, check.ShortInputs.Length);
            }
        }
        Assert.Equal(2, runs);
    }
}
