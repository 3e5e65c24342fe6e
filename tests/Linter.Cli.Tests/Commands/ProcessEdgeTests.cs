using Linter.Cli.Tests.Support;

namespace Linter.Cli.Tests.Commands;

/// <summary>Issue 6, class 7, as a real process: full or closed standard streams, and Ctrl-C with a config.db copy in flight.</summary>
public sealed class ProcessEdgeTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData(">/dev/full", 2, "pvelint: error: cannot write to standard output")]
    [InlineData("2>/dev/full", 1, "")]
    [InlineData("2>&-", 1, "")]
    [InlineData(">&-", 2, "pvelint: error: cannot write to standard output")]
    [InlineData(">/dev/full 2>/dev/full", 2, "")]
    public void Full_or_closed_standard_streams_never_abort(string redirect, int exit, string stderr)
    {
        var root = PinnedCluster.Write(_tree);

        var run = PvelintProcess.Shell(PvelintProcess.Command($"scan {PvelintProcess.Quote(root)} {redirect}"));

        Assert.Equal(exit, run.ExitCode);
        Assert.StartsWith(stderr, run.Error);
        Assert.DoesNotContain("Unhandled exception", run.Error);
    }

    [Fact]
    public void Ctrl_C_while_a_config_db_is_copied_exits_130_and_leaves_no_copy_behind()
    {
        var db = _tree.PathOf("config.db");
        ConfigDbBuilder.Create(db, [new(1, 0, ConfigDbBuilder.RegularFileType, "corosync.conf", "totem {\n}\n"u8.ToArray())]);
        var temp = _tree.CreateDirectory("tmp");
        var pipe = Fifo.Create(_tree.PathOf("pipe"));
        // The writer sends the database's first 64 KiB and then stalls, so pvelint sits in the copy when SIGINT comes.
        // set -m: without job control a shell starts background jobs with SIGINT ignored. env --default-signal: a
        // SIGINT the test run itself inherited as ignored (a CI started in the background) would otherwise be kept.
        var script = $"""
            set -m
            ( head -c 65536 {PvelintProcess.Quote(db)}; sleep 30 ) > {PvelintProcess.Quote(pipe)} &
            writer=$!
            env --default-signal=INT {PvelintProcess.Command($"scan {PvelintProcess.Quote(pipe)}")} &
            pid=$!
            for i in $(seq 1 100); do ls {PvelintProcess.Quote(temp)} | grep -q pvelint-db && break; sleep 0.1; done
            ls {PvelintProcess.Quote(temp)} | grep -c pvelint-db
            kill -INT $pid
            wait $pid; code=$?
            kill $writer 2>/dev/null
            echo "exit $code"
            ls -A {PvelintProcess.Quote(temp)} | wc -l
            """;

        var run = PvelintProcess.Shell(script, new Dictionary<string, string> { ["TMPDIR"] = temp });

        Assert.Equal(["1", "exit 130", "0"], run.OutputLines);
        Assert.Contains("pvelint: interrupted", run.Error);
    }
}
