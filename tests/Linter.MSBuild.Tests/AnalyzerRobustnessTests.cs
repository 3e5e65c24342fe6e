using CsCheck;
using PveLint.Tests;

namespace Linter.MSBuild.Tests;

/// <summary>
/// The analyzer never fails inside the compiler: no AD0001 (an exception escaping it) and no PVE9000 (an internal
/// error it caught) on any corpus file or on random and mutated input in every place of the scan-root layout.
/// </summary>
public class AnalyzerRobustnessTests
{
    private static readonly string[] Places =
    [
        "etc/pve/corosync.conf", "etc/pve/storage.cfg", "etc/pve/datacenter.cfg", "etc/pve/replication.cfg",
        "etc/pve/ha/resources.cfg", "etc/pve/ha/groups.cfg", "etc/pve/ha/rules.cfg", "etc/pve/ha/manager_status",
        "etc/pve/ceph.conf", "etc/pve/nodes/pve1/qemu-server/100.conf", "etc/pve/nodes/pve1/lxc/101.conf",
        "etc/default/pve-ha-manager", "ceph/dump.json", "ceph/crush.txt", ".pvelint.yaml",
    ];

    // Without ../shared there is nothing to enumerate; the theory is skipped with its reason.
    public static TheoryData<string> CorpusFiles() => SharedData.Present ? new(CorpusLayout.Files()) : new("(no corpus)");

    private static async Task AssertNoCrash(Dictionary<string, string> files)
    {
        var diagnostics = await AnalyzerHarness.RunAsync(files);
        var crashes = diagnostics.Where(d => d.Id is "AD0001" or "PVE9000").Select(d => d.GetMessage()).ToArray();
        Assert.True(crashes.Length == 0, string.Join("\n", crashes));
    }

    [SharedTheory]
    [MemberData(nameof(CorpusFiles))]
    public Task Corpus_file_gives_no_analyzer_failure(string relative) =>
        AssertNoCrash(new Dictionary<string, string> { [CorpusLayout.LogicalPath(relative)] = File.ReadAllText(Path.Combine(TestPaths.Corpus, relative)) });

    [Fact]
    public async Task Hostile_pvelint_yaml_is_PVE9003_inside_the_compiler_not_a_crash()
    {
        // Issue 6: 20 000 '? ' overflowed the stack of the compiler process (exit 134) under dotnet build.
        var diagnostics = await AnalyzerHarness.RunAsync(new Dictionary<string, string>
        {
            [".pvelint.yaml"] = string.Concat(Enumerable.Repeat("? ", 20_000)) + "\n",
        });
        var finding = Assert.Single(diagnostics, d => d.Id == "PVE9003");
        Assert.Equal(".pvelint.yaml nests deeper than 64 levels; the file was not read", finding.GetMessage());
        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "PVE9000");
    }

    [Fact]
    public void Random_text_in_every_place_gives_no_analyzer_failure()
    {
        var grammar = Gen.OneOf(Gen.String, Gen.Char['\t', '~'].Array[0, 400].Select(c => new string(c)),
            Gen.OneOf<string>("{", "}", ":", "\n", "\t", " ", "#", "[", "]", ",", "=", "vm:100", "node", "nodes", "totem", "rule", "step", "\"mons\"", "\"pools\"").Array[0, 80].Select(p => string.Concat(p)));
        Gen.Select(Gen.Int[0, Places.Length - 1], grammar).Sample((place, text) =>
            AssertNoCrash(new Dictionary<string, string> { [Places[place]] = text }).GetAwaiter().GetResult(), iter: 300, threads: 1);
    }

    [Fact]
    public void Mutated_example_cluster_gives_no_analyzer_failure()
    {
        var example = Path.Combine(TestPaths.RepoRoot, "examples", "two-site-cluster");
        var files = FixtureTree.Files(example);
        var names = files.Keys.ToArray();
        Gen.Select(Gen.Int[0, names.Length - 1], Gen.Int[0, 10_000], Gen.Char).Sample((index, position, c) =>
        {
            var mutated = new Dictionary<string, string>(files);
            var text = mutated[names[index]];
            var at = position % Math.Max(1, text.Length);
            mutated[names[index]] = text.Length == 0 ? c.ToString() : text.Remove(at, 1).Insert(at, c.ToString());
            AssertNoCrash(mutated).GetAwaiter().GetResult();
        }, iter: 100, threads: 1);
    }
}
