using CsCheck;
using Linter.Cli.Tests.Support;

namespace Linter.Cli.Tests.Commands;

/// <summary>Whatever bytes a PATH holds, the CLI answers with an exit code and a one-line message, never a crash.</summary>
public sealed class RobustnessTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static void AssertHandled(CliRun run)
    {
        Assert.True(run.ExitCode is 0 or 1 or 2, run.ToString());
        Assert.DoesNotContain("internal error", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.True(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 2, run.ToString());
    }

    [Theory]
    [InlineData("random.tgz")]
    [InlineData("random.tar")]
    [InlineData("config.db")]
    [InlineData("random.bin")]
    public void Random_bytes_under_any_name_are_handled(string name)
    {
        var i = 0;
        Gen.Byte.Array[0, 2048].Sample(bytes =>
        {
            var path = _tree.WriteBytes($"{Interlocked.Increment(ref i)}/{name}", bytes);
            AssertHandled(CliRunner.Run(CliRunner.Pinned(), "scan", path));
        }, iter: 60);
    }

    [Fact]
    public void Mutated_archives_are_handled()
    {
        var archive = _tree.PathOf("good.tgz");
        Archives.Write(archive, gzip: true, w =>
        {
            w.WriteEntry(Archives.File("corosync.conf", "totem {\n  cluster_name: x\n}\n"));
            w.WriteEntry(Archives.File("user.cfg", PinnedCluster.UserCfg));
            w.WriteEntry(Archives.File("nodes/pve1/qemu-server/100.conf", "memory: 2048\n"));
        });
        var original = File.ReadAllBytes(archive);
        var n = 0;
        Gen.Select(Gen.Int[0, original.Length - 1], Gen.Byte, Gen.Int[1, original.Length]).Sample((position, value, length) =>
        {
            var bytes = original[..length];
            if (position < bytes.Length) bytes[position] = value;
            var path = _tree.WriteBytes($"m{Interlocked.Increment(ref n)}/backup.tgz", bytes);
            AssertHandled(CliRunner.Run(CliRunner.Pinned(), "scan", path));
        }, iter: 100);
    }

    [Fact]
    public void Mutated_plain_tar_archives_are_handled()
    {
        var archive = _tree.PathOf("good.tar");
        Archives.Write(archive, gzip: false, w =>
        {
            w.WriteEntry(Archives.File("corosync.conf", "totem {\n}\n"));
            w.WriteEntry(Archives.Entry(System.Formats.Tar.TarEntryType.SymbolicLink, "local", "nodes/pve1"));
            w.WriteEntry(Archives.File("user.cfg", PinnedCluster.UserCfg));
        });
        var original = File.ReadAllBytes(archive);
        var n = 0;
        Gen.Select(Gen.Int[0, original.Length - 1], Gen.Byte).Sample((position, value) =>
        {
            var bytes = (byte[])original.Clone();
            bytes[position] = value;
            var path = _tree.WriteBytes($"t{Interlocked.Increment(ref n)}/backup.tar", bytes);
            AssertHandled(CliRunner.Run(CliRunner.Pinned(), "scan", path));
        }, iter: 150);
    }
}
