using Linter.Cli.Tests.Support;
using PveLint.Cli.Commands;

namespace Linter.Cli.Tests.Commands;

/// <summary>Issue 6, class 4: no output replaces an input, whichever name or link leads to it.</summary>
public sealed class OutputSafetyTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static void AssertRefused(CliRun run, string option)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"pvelint: error: {option} ", run.Error);
        Assert.Contains("pvelint never overwrites its input", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Output_onto_a_scanned_file_is_refused_and_the_file_kept()
    {
        var root = PinnedCluster.Write(_tree);
        var user = _tree.PathOf("etc/pve/user.cfg");

        AssertRefused(CliRunner.Run(CliRunner.Pinned(), "scan", "--format", "json", "--output", user, root), "--output");
        Assert.Equal(PinnedCluster.UserCfg, File.ReadAllText(user));
    }

    [Fact]
    public void Output_through_a_symlink_or_a_hard_link_to_the_archive_is_refused()
    {
        var archive = _tree.PathOf("backup.tgz");
        Archives.Write(archive, gzip: true, w => w.WriteEntry(Archives.File("corosync.conf", "")));
        var before = File.ReadAllBytes(archive);
        File.CreateSymbolicLink(_tree.PathOf("report.sarif"), archive);
        var hardLink = PvelintProcess.Shell($"ln {PvelintProcess.Quote(archive)} {PvelintProcess.Quote(_tree.PathOf("report.json"))}");
        Assert.Equal(0, hardLink.ExitCode);

        AssertRefused(CliRunner.Run(CliRunner.Pinned(), "scan", "-f", "sarif", "-o", _tree.PathOf("report.sarif"), archive), "--output");
        AssertRefused(CliRunner.Run(CliRunner.Pinned(), "scan", "-f", "json", "-o", _tree.PathOf("report.json"), archive), "--output");
        Assert.Equal(before, File.ReadAllBytes(archive));
    }

    [Fact]
    public void Write_baseline_onto_the_database_or_its_wal_is_refused()
    {
        var db = _tree.PathOf("config.db");
        ConfigDbBuilder.Create(db, [new(1, 0, ConfigDbBuilder.RegularFileType, "corosync.conf", "totem {\n}\n"u8.ToArray())]);
        File.WriteAllBytes(db + "-wal", []);
        var before = File.ReadAllBytes(db);

        AssertRefused(CliRunner.Run(CliRunner.Pinned(), "scan", "--write-baseline", db, db), "--write-baseline");
        AssertRefused(CliRunner.Run(CliRunner.Pinned(), "scan", "--write-baseline", db + "-wal", db), "--write-baseline");
        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    public void Output_onto_the_config_or_the_baseline_is_refused_but_a_baseline_may_be_refreshed()
    {
        var root = PinnedCluster.Write(_tree);
        var config = _tree.Write(".pvelint.yaml", "target: pve-9.1\n");
        var baseline = _tree.PathOf("baseline.json");
        Assert.Equal(0, CliRunner.Run(CliRunner.Pinned(), "scan", "--write-baseline", baseline, root).ExitCode);

        AssertRefused(CliRunner.Run(CliRunner.Pinned(), "scan", "-o", config, root), "--output");
        AssertRefused(CliRunner.Run(CliRunner.Pinned(), "scan", "--baseline", baseline, "-o", baseline, root), "--output");
        var refresh = CliRunner.Run(CliRunner.Pinned(), "scan", "--baseline", baseline, "--write-baseline", baseline, root);
        Assert.Equal(0, refresh.ExitCode);
        Assert.Equal("target: pve-9.1\n", File.ReadAllText(config));
    }

    [Fact]
    public void An_unwritable_stdout_is_exit_2_with_a_message_and_stderr_failures_are_swallowed()
    {
        var root = PinnedCluster.Write(_tree);

        var error = new StringWriter();
        var exit = global::PveLint.Cli.Cli.Run(["scan", root], new FailingWriter(), error, CliRunner.Pinned());
        Assert.Equal(2, exit);
        Assert.Equal("pvelint: error: cannot write to standard output (No space left on device)\n", error.ToString().ReplaceLineEndings("\n"));

        var output = new StringWriter();
        Assert.Equal(1, global::PveLint.Cli.Cli.Run(["scan", root], output, new FailingWriter(), CliRunner.Pinned()));
        Assert.Equal(2, global::PveLint.Cli.Cli.Run(["scan", _tree.PathOf("missing")], output, new FailingWriter(), CliRunner.Pinned()));
    }

    [Fact]
    public void A_cancelled_scan_is_exit_130()
    {
        var root = PinnedCluster.Write(_tree);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var run = CliRunner.Run(CliRunner.Pinned() with { Cancellation = cancelled.Token }, "scan", root);

        Assert.Equal(ExitCodes.Interrupted, run.ExitCode);
        Assert.Equal("pvelint: interrupted\n", run.Error);
    }

    private sealed class FailingWriter : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(string? value) => throw new IOException("No space left on device");
    }
}
