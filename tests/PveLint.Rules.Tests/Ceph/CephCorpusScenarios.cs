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

    /// <summary>The state's files (or the given ones, corpus-relative) as the ceph/ folder of a scan root.</summary>
    public static ClusterModel Bind(string state, string[]? files = null) =>
        ClusterBinder.Bind(new ConfigTree((files ?? Files(state)).Select(f =>
            new ConfigFile("ceph/" + Path.GetFileName(f), File.ReadAllText(Path.Combine(TestPaths.CephCorpus, f)), f))));

    public static List<Finding> CephFindings(string state, string[]? files = null) =>
        LintEngine.Run(Bind(state, files)).Findings.Where(f => f.RuleId.StartsWith("PVE3", StringComparison.Ordinal)).OrderBy(f => f.RuleId, StringComparer.Ordinal).ToList();
}
