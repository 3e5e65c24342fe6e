using Linter.Cli.Tests.Support;
using PveLint.Cli.Commands;
using PveLint.Cli.Sources;
using PveLint.Rules.Engine;

namespace Linter.Cli.Tests.Sources;

/// <summary>
/// Issue 13, defect 5: a directory over the entry limit is reported at that directory (not at a .pvelint.yaml that
/// may not exist), and the guests the cut-off read never saw are unknown, not missing (no PVE0008).
/// </summary>
public sealed class EntryLimitTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private void WriteCluster()
    {
        _tree.Write("etc/pve/corosync.conf", "nodelist {\n  node {\n    name: pve1\n    nodeid: 1\n    ring0_addr: 10.0.0.1\n  }\n}\n");
        _tree.Write("etc/pve/ha/resources.cfg", string.Concat(Enumerable.Range(100, 30).Select(id => $"vm: {id}\n\n")));
        for (var id = 100; id < 130; id++) _tree.Write($"etc/pve/nodes/pve1/qemu-server/{id}.conf", "memory: 1024\n");
    }

    [Fact]
    public void The_cut_is_reported_at_the_directory_being_listed()
    {
        WriteCluster();

        var source = SourceLoader.Load(_tree.Root, _tree.Root, SourceLimits.Default with { MaxEntries = 10 });

        var cut = Assert.Single(source.Tree.SourceDiagnostics);
        Assert.Equal("etc/pve/nodes/pve1/qemu-server: more than 10 entries; the rest was not read", cut.Message);
        Assert.Equal("etc/pve/nodes/pve1/qemu-server", cut.Span!.Value.Path);
        Assert.True(source.Tree.ReadCutShort);
    }

    [Fact]
    public void A_scan_cut_short_names_the_directory_and_calls_no_guest_missing()
    {
        WriteCluster();
        var environment = new CliEnvironment(RuleRegistry.All, SourceLimits.Default with { MaxEntries = 10 }, "0.1.0-test");

        var run = CliRunner.Run(environment, "scan", "--no-simulate", _tree.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("etc/pve/nodes/pve1/qemu-server(1,1): error PVE0010: etc/pve/nodes/pve1/qemu-server: more than 10 entries; the rest was not read", run.Output);
        Assert.DoesNotContain("PVE0008", run.Output);
        Assert.DoesNotContain(".pvelint.yaml", run.Output);
    }

    [SharedFact]
    public void The_directory_location_is_valid_sarif()
    {
        WriteCluster();
        var environment = new CliEnvironment(RuleRegistry.All, SourceLimits.Default with { MaxEntries = 10 }, "0.1.0-test");

        var run = CliRunner.Run(environment, "scan", "--no-simulate", _tree.Root, "--format", "sarif");

        SarifSchema.AssertValid(run.Output);
        using var log = System.Text.Json.JsonDocument.Parse(run.Output);
        var result = Assert.Single(log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "PVE0010");
        Assert.Equal("etc/pve/nodes/pve1/qemu-server", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }
}
