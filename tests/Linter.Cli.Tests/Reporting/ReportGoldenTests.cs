using Linter.Cli.Tests.Support;

namespace Linter.Cli.Tests.Reporting;

/// <summary>
/// Every format of the pinned cluster, compared with golden files (UPDATE_GOLDEN=1 rewrites them). The SARIF
/// golden replaces the two machine-dependent absolute URIs (repository root, working directory) with placeholders.
/// </summary>
public sealed class ReportGoldenTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private string Report(string format)
    {
        var root = PinnedCluster.Write(_tree);
        var run = CliRunner.Run(CliRunner.Pinned(), "scan", root, "--format", format);
        Assert.True(run.ExitCode == 1, run.ToString());
        return run.Output;
    }

    [Fact]
    public void Text() => Golden.Verify(Report("text"), "pinned.txt");

    [Fact]
    public void Json() => Golden.Verify(Report("json"), "pinned.json");

    [Fact]
    public void GitHub() => Golden.Verify(Report("github"), "pinned.github.txt");

    [Fact]
    public void Markdown() => Golden.Verify(Report("markdown"), "pinned.md");

    [SharedFact]
    public void Sarif()
    {
        var sarif = Report("sarif");
        SarifSchema.AssertValid(sarif);
        Golden.Verify(SarifText.WithoutMachinePaths(sarif, _tree.Root), "pinned.sarif");
    }

    [SharedFact]
    public void Sarif_of_a_clean_scan()
    {
        _tree.Write("etc/pve/corosync.conf", "totem {\n}\n");
        var run = CliRunner.Run(CliRunner.Pinned(), "scan", _tree.Root, "--format", "sarif");

        Assert.Equal(0, run.ExitCode);
        SarifSchema.AssertValid(run.Output);
        Golden.Verify(SarifText.WithoutMachinePaths(run.Output, _tree.Root), "clean.sarif");
    }
}
