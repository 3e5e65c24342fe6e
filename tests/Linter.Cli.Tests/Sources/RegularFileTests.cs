using Linter.Cli.Tests.Support;
using PveLint.Cli.Sources;

namespace Linter.Cli.Tests.Sources;

/// <summary>The one read path of the sources: whole files into a reused buffer, one read for an unchanged file, the limit exact.</summary>
public sealed class RegularFileTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static byte[] Bytes(int length, byte seed) => Enumerable.Range(0, length).Select(i => (byte)(seed + i)).ToArray();

    [Fact]
    public void A_reused_buffer_returns_each_file_whole_and_only_that_file()
    {
        var big = _tree.WriteBytes("big", Bytes(10_000, 1));
        var small = _tree.WriteBytes("small", Bytes(3, 200));
        var empty = _tree.WriteBytes("empty", []);
        byte[] buffer = [];

        Assert.Equal(10_000, RegularFile.ReadInto(big, 1 << 20, ref buffer, out var bigStatus));
        Assert.Equal(Bytes(10_000, 1), buffer[..10_000]);
        Assert.Equal(10_000, bigStatus.Size);
        var reused = buffer;

        Assert.Equal(3, RegularFile.ReadInto(small, 1 << 20, ref buffer, out _));
        Assert.Same(reused, buffer);
        Assert.Equal(Bytes(3, 200), buffer[..3]);
        Assert.Equal(0, RegularFile.ReadInto(empty, 1 << 20, ref buffer, out _, seenRegular: true));
    }

    [Fact]
    public void A_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused()
    {
        var exact = _tree.WriteBytes("exact", Bytes(4096, 7));
        var over = _tree.WriteBytes("over", Bytes(4097, 7));
        byte[] buffer = [];

        Assert.Equal(4096, RegularFile.ReadInto(exact, 4096, ref buffer, out _));
        Assert.Equal(Bytes(4096, 7), RegularFile.ReadAll(exact, 4096));
        var refused = Assert.Throws<UnreadableFileException>(() => RegularFile.ReadInto(over, 4096, ref buffer, out _));
        Assert.Contains("larger than the 4 KiB limit", refused.Reason);
    }

    [Fact]
    public void Seen_regular_still_checks_the_opened_file()
    {
        // The walk saw a regular file, but a directory is there by the time it is opened: the check after open refuses it.
        var directory = _tree.CreateDirectory("swapped");
        byte[] buffer = [];
        var refused = Assert.Throws<UnreadableFileException>(() => RegularFile.ReadInto(directory, 4096, ref buffer, out _, seenRegular: true));
        Assert.Contains("directory", refused.Reason);
    }
}
