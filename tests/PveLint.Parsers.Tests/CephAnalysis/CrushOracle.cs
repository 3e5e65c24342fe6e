using System.IO.Compression;
using PveLint.Binding;
using PveLint.Ceph;
using PveLint.Model;
using PveLint.Tests;
using PveLint.Text;

namespace PveLint.Parsers.Tests.CephAnalysis;

/// <summary>
/// The generated oracle data in tests/data/crush-oracle: maps/NNN.crush.txt (inputs written by generate.py) and
/// out/NNN.crushtool.txt.gz (what crushtool 16.2.15 printed for them, verbatim, gzip-compressed to keep the
/// repository small).
/// </summary>
internal static class CrushOracle
{
    public static string Folder => Path.Combine(TestPaths.RepoRoot, "tests", "data", "crush-oracle");

    public static IEnumerable<string> MapNames() =>
        Directory.EnumerateFiles(Path.Combine(Folder, "maps"), "*.crush.txt")
            .Select(p => Path.GetFileName(p)[..^".crush.txt".Length])
            .Order(StringComparer.Ordinal);

    public static CrushMap Map(string name)
    {
        var path = Path.Combine(Folder, "maps", name + ".crush.txt");
        var context = new BindContext();
        var model = CephDumpReader.Read([new SourceFile("ceph/" + name + ".crush.txt", File.ReadAllText(path))], context);
        Assert.Empty(context.Diagnostics);
        return model.Crush!;
    }

    public static List<CrushtoolRun> Runs(string name)
    {
        using var file = File.OpenRead(Path.Combine(Folder, "out", name + ".crushtool.txt.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return CrushtoolTranscript.Parse(reader.ReadToEnd());
    }
}
