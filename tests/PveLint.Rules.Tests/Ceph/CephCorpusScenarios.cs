using PveLint.Binding;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Sources;
using PveLint.Tests;

namespace PveLint.Rules.Tests.Ceph;

/// <summary>
/// One state of a corpus lab scenario as a scan root: the dumps of that state under ceph/, plus the scenario's CRUSH
/// map when the state has none of its own (c-stretch-3dc.refused uses c-stretch-3dc.crush.json).
/// </summary>
internal static class CephCorpusScenarios
{
    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal)
    {
        "crush", "health", "monmap", "osd-tree", "osdmap", "quorum-status",
    };

    public static string[] Files(string state)
    {
        var all = Directory.EnumerateFiles(TestPaths.CephCorpus).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var own = all.Where(f => f.StartsWith(state + ".", StringComparison.Ordinal) && Kinds.Contains(f[(state.Length + 1)..].Split('.')[0])).ToList();
        var scenario = state.Split('.')[0];
        if (!own.Any(f => f.Contains(".crush.", StringComparison.Ordinal)) && all.Contains(scenario + ".crush.json"))
            own.Add(scenario + ".crush.json");
        return own.ToArray();
    }

    public static ClusterModel Bind(string state) =>
        ClusterBinder.Bind(new ConfigTree(Files(state).Select(f => new ConfigFile("ceph/" + f, File.ReadAllText(Path.Combine(TestPaths.CephCorpus, f)), f))));

    public static List<Finding> CephFindings(string state) =>
        LintEngine.Run(Bind(state)).Findings.Where(f => f.RuleId.StartsWith("PVE3", StringComparison.Ordinal)).OrderBy(f => f.RuleId, StringComparer.Ordinal).ToList();
}
