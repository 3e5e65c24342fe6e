using Linter.Cli.Tests.Support;
using PveLint.Tests;

namespace Linter.Cli.Tests.Commands;

/// <summary>
/// <c>dotnet publish -r linux-x64</c> makes a native AOT executable, where reflection that trimming cannot see
/// breaks at run time (the SARIF writer's Newtonsoft.Json, JSON contracts). The executable must answer every
/// command, format and kind of input byte for byte as the JIT build does.
/// </summary>
public sealed class AotPublishTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [AotPublishFact]
    public void The_native_executable_answers_exactly_as_the_jit_build()
    {
        // A copy of the sources: the publish must not write into the obj/ and bin/ folders the other tests use.
        var source = _tree.CreateDirectory("src");
        foreach (var item in new[] { "src", "rules-docs", "Directory.Build.props", "Directory.Packages.props", "global.json", "README.md" })
            CopyInto(Path.Combine(TestPaths.RepoRoot, item), Path.Combine(source, item));
        var output = _tree.PathOf("native");
        var publish = PvelintProcess.Shell(
            $"cd {PvelintProcess.Quote(source)} && {PvelintProcess.Quote(PvelintProcess.DotnetHost)} publish src/Linter.Cli -c Release -r linux-x64 -o {PvelintProcess.Quote(output)} -nologo",
            new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" }, TimeSpan.FromMinutes(10));
        Assert.True(publish.ExitCode == 0, publish.ToString());
        var native = Path.Combine(output, "pvelint");
        Assert.False(File.Exists(Path.Combine(output, "pvelint.dll")), "the publish is not native");

        var example = Path.Combine(TestPaths.RepoRoot, "examples", "two-site-cluster");
        var baseline = _tree.Write("baseline.json", "{\"version\": 1, \"entries\": [{\"rule\": \"PVE1001\", \"path\": \"etc/pve/corosync.conf\", \"fingerprint\": \"00\", \"message\": \"m\"}]}");
        var archive = _tree.PathOf("cluster.tar.gz");
        Assert.Equal(0, PvelintProcess.Shell($"tar -C {PvelintProcess.Quote(example)} -czf {PvelintProcess.Quote(archive)} .").ExitCode);
        var q = PvelintProcess.Quote;
        string[] commands =
        [
            "--help", "--version", "scan --help", "rules", "rules --format json", "explain PVE6006",
            .. new[] { "text", "json", "sarif", "github", "markdown" }.Select(f => $"scan {q(example)} --format {f}"),
            $"scan {q(archive)} --snippets --color always", $"scan {q(example)} --baseline {q(baseline)}",
            $"scan {q(Path.Combine(TestPaths.RepoRoot, "examples", "config-repo"))} --format sarif",
            .. new[] { "text", "json", "markdown" }.Select(f => $"simulate {q(example)} --format {f}"),
            $"scan {q(_tree.PathOf("missing"))}", "scan --no-such-option",
        ];
        foreach (var command in commands)
        {
            var jit = PvelintProcess.Shell(PvelintProcess.Command(command));
            var aot = PvelintProcess.Shell($"{q(native)} {command}");
            Assert.True(jit.ExitCode == aot.ExitCode && jit.Output == aot.Output && jit.Error == aot.Error,
                $"pvelint {command}: exit {jit.ExitCode} (JIT) vs {aot.ExitCode} (native)\nstdout: {FirstDifference(jit.Output, aot.Output)}\nstderr: {FirstDifference(jit.Error, aot.Error)}");
        }

        // --write-baseline goes through the generated JSON contract: the same file from both.
        var fromJit = PvelintProcess.Shell(PvelintProcess.Command($"scan {q(example)} --write-baseline {q(_tree.PathOf("jit.json"))}"));
        var fromAot = PvelintProcess.Shell($"{q(native)} scan {q(example)} --write-baseline {q(_tree.PathOf("aot.json"))}");
        Assert.Equal(fromJit.ExitCode, fromAot.ExitCode);
        Assert.Equal(File.ReadAllText(_tree.PathOf("jit.json")), File.ReadAllText(_tree.PathOf("aot.json")));
    }

    private static string FirstDifference(string jit, string native)
    {
        var (a, b) = (jit.Split('\n'), native.Split('\n'));
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
            if (i >= a.Length || i >= b.Length || a[i] != b[i])
                return $"line {i + 1}: JIT '{(i < a.Length ? a[i] : "<end>")}' vs native '{(i < b.Length ? b[i] : "<end>")}'";
        return "same";
    }

    private static void CopyInto(string from, string to)
    {
        if (File.Exists(from)) { File.Copy(from, to); return; }
        Directory.CreateDirectory(to);
        foreach (var entry in Directory.EnumerateFileSystemEntries(from))
        {
            var name = Path.GetFileName(entry);
            if (name is "bin" or "obj") continue;
            CopyInto(entry, Path.Combine(to, name));
        }
    }
}
