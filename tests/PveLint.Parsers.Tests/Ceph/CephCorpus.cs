using PveLint.Binding;
using PveLint.Ceph;
using PveLint.Model;
using PveLint.Tests;
using PveLint.Text;

namespace PveLint.Parsers.Tests.Ceph;

/// <summary>Reads the shared Ceph corpus in place, as the files of a scan's ceph/ folder.</summary>
internal static class CephCorpus
{
    /// <summary>
    /// Every dump of the corpus: the top level, handwritten/ and osd-lab/ (its snapshots are real dumps too).
    /// bin/ holds binary maps (the binder filters those before any reader), tools/ the generating scripts, and
    /// README.md documents the corpus; none of them is something a user drops into ceph/.
    /// </summary>
    public static IEnumerable<string> DumpFiles()
    {
        var root = TestPaths.CephCorpus;
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("bin/", StringComparison.Ordinal) && !p.StartsWith("tools/", StringComparison.Ordinal) && p != "README.md")
            .Order(StringComparer.Ordinal);
    }

    public static SourceFile File(string relative) =>
        new("ceph/" + relative, System.IO.File.ReadAllText(Path.Combine(TestPaths.CephCorpus, relative)));

    public static (CephModel Model, BindContext Context) Read(params string[] relatives)
    {
        var context = new BindContext();
        var model = CephDumpReader.Read(relatives.Select(File).ToList(), context);
        return (model, context);
    }

    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal)
    {
        "crush", "crushtool-test", "health", "lab-transcript", "monmap", "osd-tree", "osdmap", "pg-mappings", "quorum-status",
        "pg-ls", "pgs-brief", "status",
    };

    /// <summary>
    /// All dumps of one scenario state, e.g. "a-stretch-2dc-ssd" (not its ".site2-down" sub-state) or
    /// "osd-lab/r-2dc-osds.4-stretch-site2-down": the files a user would drop into ceph/ together.
    /// </summary>
    public static string[] Scenario(string prefix) => DumpFiles()
        .Where(f => f.StartsWith(prefix + ".", StringComparison.Ordinal) && Kinds.Contains(f[(prefix.Length + 1)..].Split('.')[0]))
        .ToArray();

    public static (CephModel Model, BindContext Context) ReadScenario(string prefix) => Read(Scenario(prefix));

    /// <summary>The CRUSH map scenarios that come as text map + JSON dump.</summary>
    public static readonly string[] CrushScenarios =
    [
        "a-stretch-2dc-ssd", "b-stretch-2dc-hdd", "c-stretch-3dc", "d-single-site-3host", "e-stretch-2dc-mixed-class",
        "f-stretch-2dc-erasure", "g-stretch-2dc-unequal-weight", "i-stretch-pool-size-changed",
    ];
}
