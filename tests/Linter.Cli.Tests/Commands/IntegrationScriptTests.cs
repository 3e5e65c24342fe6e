using Linter.Cli.Tests.Support;
using PveLint.Tests;

namespace Linter.Cli.Tests.Commands;

/// <summary>
/// The scan step of action.yml (scripts/action-scan.sh) with the pvelint under test; scripts/check-integrations.sh
/// runs the whole action, the install and the pre-commit hooks.
/// </summary>
public sealed class IntegrationScriptTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private CliRun ActionScan(string workdir, params (string Name, string Value)[] inputs)
    {
        var environment = new Dictionary<string, string>
        {
            ["PVELINT"] = $"{PvelintProcess.DotnetHost} {PvelintProcess.Dll}",
            ["GITHUB_OUTPUT"] = _tree.Write("github-output", ""),
            ["GITHUB_STEP_SUMMARY"] = _tree.Write("step-summary", "earlier step\n"),
        };
        foreach (var (name, value) in inputs) environment[name] = value;
        var script = Path.Combine(TestPaths.RepoRoot, "scripts", "action-scan.sh");
        return PvelintProcess.Shell($"cd {PvelintProcess.Quote(workdir)} && {PvelintProcess.Quote(script)}", environment);
    }

    [Fact]
    public void The_action_scan_writes_sarif_the_job_summary_and_the_outputs_and_returns_pvelint_s_exit_code()
    {
        var root = PinnedCluster.Write(_tree, "cluster");

        var run = ActionScan(root, ("PVELINT_ARGS", "--ignore PVE9001 --no-simulate"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("etc/pve/notes.bin(2,4): error PVE0010:", run.Output); // the text log
        Assert.DoesNotContain("PVE9001", run.Output);
        Assert.Equal("exit-code=1\nsarif-file=pvelint.sarif\n", File.ReadAllText(_tree.PathOf("github-output")));
        var summary = File.ReadAllText(_tree.PathOf("step-summary"));
        Assert.StartsWith("earlier step\n## pvelint", summary); // appended, as GitHub expects
        Assert.Contains("\"version\": \"2.1.0\"", File.ReadAllText(Path.Combine(root, "pvelint.sarif")));
    }

    [Fact]
    public void Fail_on_none_makes_the_scan_step_succeed()
    {
        var root = PinnedCluster.Write(_tree, "cluster");

        var run = ActionScan(root, ("PVELINT_FAIL_ON", "none"), ("PVELINT_SARIF", "out/report.sarif"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("exit-code=0\nsarif-file=out/report.sarif\n", File.ReadAllText(_tree.PathOf("github-output")));
        Assert.True(File.Exists(Path.Combine(root, "out", "report.sarif")));
    }

    [Fact]
    public void Every_script_the_action_and_the_hooks_name_exists_and_is_executable()
    {
        var action = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "action.yml"));
        var hooks = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, ".pre-commit-hooks.yaml"));

        var scripts = System.Text.RegularExpressions.Regex.Matches(action + hooks, @"scripts/[\w.-]+\.sh").Select(m => m.Value).Distinct().ToList();
        Assert.Equal(["scripts/install-pvelint.sh", "scripts/action-scan.sh", "scripts/pre-commit-pvelint.sh"], scripts);
        foreach (var script in scripts)
            Assert.True(OperatingSystem.IsWindows() || (File.GetUnixFileMode(Path.Combine(TestPaths.RepoRoot, script)) & UnixFileMode.UserExecute) != 0, script);
    }
}
