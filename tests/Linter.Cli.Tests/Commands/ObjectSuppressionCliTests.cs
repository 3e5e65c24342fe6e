using Linter.Cli.Tests.Support;

namespace Linter.Cli.Tests.Commands;

/// <summary>Object-keyed suppressions through the CLI: the finding is gone, counted as suppressed, and survives a comment-free rewrite.</summary>
public sealed class ObjectSuppressionCliTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void A_suppressions_entry_silences_a_finding_in_a_file_pve_rewrites()
    {
        // As the GUI writes it: no comments survive in resources.cfg.
        _tree.Write("etc/pve/ha/resources.cfg", "vm: 101\n\tstate started\n\tmax_relocate 2 # two\n");
        var before = CliRunner.Run("scan", "--no-simulate", _tree.Root);
        Assert.Contains("etc/pve/ha/resources.cfg(3,17): error PVE0009: ", before.Output);

        _tree.Write(".pvelint.yaml", "suppressions:\n  - rule: inline-comment-in-value\n    object: vm:101\n    reason: fixed in the next maintenance window\n");
        var after = CliRunner.Run("scan", "--no-simulate", _tree.Root);

        Assert.DoesNotContain("PVE0009", after.Output);
        Assert.DoesNotContain("PVE9001", after.Output);
        Assert.EndsWith("; 1 suppressed.\n", after.Output);
    }
}
