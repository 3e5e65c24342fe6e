using PveLint.Binding;
using PveLint.Ceph.Crush;
using PveLint.Json;
using PveLint.Model;

namespace PveLint.Parsers.Tests.Ceph;

/// <summary>The text map and the JSON dump of one CRUSH map must give the same model (reference §1a/§1b).</summary>
public class CrushTextJsonEquivalenceTests
{
    public static TheoryData<string> Scenarios() => new(CephCorpus.CrushScenarios);

    private static CrushMap Text(string relative, out BindContext context)
    {
        context = new BindContext();
        return CrushTextBinder.Bind(CrushTextParser.Parse(CephCorpus.File(relative)), context);
    }

    private static CrushMap Json(string relative, out BindContext context)
    {
        context = new BindContext();
        var file = CephCorpus.File(relative);
        var root = JsonTreeParser.Parse(file).Root!;
        return CrushJsonReader.Read(file.Path, root, new PveLint.Ceph.DumpDiagnostics(context, file.Path));
    }

    [SharedTheory]
    [MemberData(nameof(Scenarios))]
    public void Text_map_and_json_dump_give_the_same_model(string scenario)
    {
        var text = Text($"{scenario}.crush.txt", out var textContext);
        var json = Json($"{scenario}.crush.json", out var jsonContext);
        Assert.Empty(textContext.Diagnostics);
        Assert.Empty(jsonContext.Diagnostics);
        Assert.Empty(CrushMapComparison.Differences(text, json, CrushMapComparison.TextWeightTolerance));
        // Device weights were written with 3 decimals in the sources, so they survive the round trip exactly.
        var osdWeights = (CrushMap m) => m.Buckets.Where(b => b.Type == "host").SelectMany(b => b.Items).Select(i => i.Weight);
        Assert.Equal(osdWeights(json), osdWeights(text));
    }

    [SharedFact]
    public void Quincy_style_text_and_json_without_min_and_max_size_give_the_same_model()
    {
        var text = Text("handwritten/a-stretch-2dc-ssd.crush.quincy-style.txt", out var textContext);
        var json = Json("handwritten/a-stretch-2dc-ssd.crush.quincy-style.json", out var jsonContext);
        Assert.Empty(textContext.Diagnostics);
        Assert.Empty(jsonContext.Diagnostics);
        Assert.Empty(CrushMapComparison.Differences(text, json, CrushMapComparison.TextWeightTolerance));
        Assert.Empty(CrushMapComparison.Differences(text, Text("a-stretch-2dc-ssd.crush.txt", out _)));
    }

    /// <summary>
    /// The hand-written sources leave bucket weights out; crushtool then uses each child's total, so the model of a
    /// source equals the model of its compiled JSON exactly (weights too). Only the shadow-bucket ids differ: the
    /// sources have no 'id -N class X' lines, crushtool invents them when compiling.
    /// </summary>
    [SharedTheory]
    [MemberData(nameof(Scenarios))]
    public void Sources_parse_and_match_their_compiled_dump(string scenario)
    {
        if (scenario.StartsWith("i-", StringComparison.Ordinal)) return; // i's map came from the mon; it has no source
        var source = Text($"{scenario}.crush.src.txt", out var context);
        Assert.Empty(context.Diagnostics);
        var json = Json($"{scenario}.crush.json", out _);
        Assert.Empty(CrushMapComparison.Differences(source, json, weightTolerance: 0, compareClassIds: false));
        Assert.All(source.Buckets, b => Assert.Empty(b.ClassIds));
    }
}
