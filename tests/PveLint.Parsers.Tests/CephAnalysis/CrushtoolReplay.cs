using PveLint.Analysis.Ceph;
using PveLint.Model;

namespace PveLint.Parsers.Tests.CephAnalysis;

/// <summary>Replays one crushtool --test run with pvelint's mapper: the same rule, x range, pool seed and weights.</summary>
internal static class CrushtoolReplay
{
    public static uint[] Weights(CrushMapper mapper, CrushtoolRun run)
    {
        var weights = mapper.DefaultWeights();
        foreach (var (device, weight) in run.Weights)
            if (device >= 0 && device < weights.Length) weights[device] = (uint)(weight * 0x10000);
        return weights;
    }

    /// <summary>
    /// crushtool tests a rule only when some device is in: with every weight 0 it prints nothing for the run
    /// (CrushTester skips it), which must not be read as "no bad mappings".
    /// </summary>
    public static bool CrushtoolTestsAnything(CrushMap map, CrushtoolRun run)
    {
        var mapper = new CrushMapper(new CrushHierarchy(map));
        return Weights(mapper, run).Any(w => w > 0);
    }

    public static int Input(CrushtoolRun run, int x) => run.PoolId is { } pool ? CrushMapper.CrushtoolSeed(x, pool) : x;

    /// <summary>x → mapping for every x of the run.</summary>
    public static Dictionary<int, int[]> Map(CrushMap map, CrushtoolRun run)
    {
        var mapper = new CrushMapper(new CrushHierarchy(map));
        var rule = map.Rules.Single(r => r.Id == run.Rule);
        var weights = Weights(mapper, run);
        var result = new Dictionary<int, int[]>();
        for (var x = run.MinX; x <= run.MaxX; x++) result[x] = mapper.Map(rule, Input(run, x), run.NumRep, weights)!;
        return result;
    }

    /// <summary>crushtool's notion of a bad mapping: fewer than num_rep items, or a hole (indep).</summary>
    public static bool IsBad(int[] mapping, int numRep) => mapping.Length != numRep || mapping.Contains(CrushMapper.None);

    public static string Show(int[] mapping) => "[" + string.Join(",", mapping) + "]";
}
