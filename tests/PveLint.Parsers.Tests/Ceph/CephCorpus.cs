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

    /// <summary>The CRUSH map scenarios that come as text map + JSON dump.</summary>
    public static readonly string[] CrushScenarios =
    [
        "a-stretch-2dc-ssd", "b-stretch-2dc-hdd", "c-stretch-3dc", "d-single-site-3host", "e-stretch-2dc-mixed-class",
        "f-stretch-2dc-erasure", "g-stretch-2dc-unequal-weight", "i-stretch-pool-size-changed",
    ];
}
