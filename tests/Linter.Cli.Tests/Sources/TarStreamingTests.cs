using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Linter.Cli.Tests.Support;
using PveLint.Cli.Sources;

namespace Linter.Cli.Tests.Sources;

/// <summary>
/// Issue 6, classes 6 and 7 for archives: read forward-only (pipes work), limits apply while streaming
/// (no huge metadata, no file past the budget), and a damaged gzip is an error rather than linted bytes.
/// </summary>
public sealed class TarStreamingTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static byte[] TarBytes(TarEntryFormat format, bool gzip, Action<TarWriter> build)
    {
        var buffer = new MemoryStream();
        using (Stream target = gzip ? new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true) : buffer)
        using (var writer = new TarWriter(target, format, leaveOpen: true))
            build(writer);
        return buffer.ToArray();
    }

    private static void Cluster(TarWriter w, TarEntryFormat format)
    {
        TarEntry File(string name, string text) => format switch
        {
            TarEntryFormat.V7 => new V7TarEntry(TarEntryType.V7RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) },
            TarEntryFormat.Ustar => new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) },
            TarEntryFormat.Gnu => new GnuTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) },
            _ => new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) },
        };
        w.WriteEntry(File("corosync.conf", "totem {\n}\n"));
        // Longer than the 100-byte name field: ustar splits it into prefix/name, GNU writes an 'L' entry, PAX a path record.
        w.WriteEntry(File("nodes/" + new string('n', 60) + "/qemu-server/" + new string('q', 50) + "/100.conf", "memory: 2048\n"));
    }

    [Theory]
    [InlineData(TarEntryFormat.Ustar)]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.Pax)]
    public void Every_tar_dialect_with_long_names_reads_the_same(TarEntryFormat format)
    {
        var path = _tree.WriteBytes($"{format}.tgz", TarBytes(format, gzip: true, w => Cluster(w, format)));

        var source = SourceLoader.Load(path, _tree.Root, SourceLimits.Default);

        Assert.Equal(["etc/pve/corosync.conf", $"etc/pve/nodes/{new string('n', 60)}/qemu-server/{new string('q', 50)}/100.conf"],
            source.Tree.Files.Select(f => f.Path).ToArray());
        Assert.Empty(source.Tree.SourceDiagnostics);
    }

    [Fact]
    public void An_archive_written_by_GNU_tar_is_read()
    {
        var files = _tree.CreateDirectory("src");
        _tree.Write("src/corosync.conf", "totem {\n}\n");
        _tree.Write($"src/nodes/{new string('x', 120)}/lxc/200.conf", "arch: amd64\n");
        var archive = _tree.PathOf("gnu.tar.gz");
        var run = PvelintProcess.Shell($"tar -czf {PvelintProcess.Quote(archive)} -C {PvelintProcess.Quote(files)} .");
        Assert.Equal(0, run.ExitCode);

        var source = SourceLoader.Load(archive, _tree.Root, SourceLimits.Default);

        Assert.Equal(["etc/pve/corosync.conf", $"etc/pve/nodes/{new string('x', 120)}/lxc/200.conf"], source.Tree.Files.Select(f => f.Path).ToArray());
    }

    [Fact]
    public async Task An_archive_from_a_pipe_is_read_in_one_pass()
    {
        var bytes = TarBytes(TarEntryFormat.Pax, gzip: true, w => Cluster(w, TarEntryFormat.Pax));
        var pipe = Fifo.Create(_tree.PathOf("stdin"));
        var writer = Task.Run(() =>
        {
            using var stream = new FileStream(pipe, FileMode.Open, FileAccess.Write);
            stream.Write(bytes);
        });

        var source = Fifo.WithinSeconds(30, () => SourceLoader.Load(pipe, _tree.Root, SourceLimits.Default));
        await writer;

        Assert.Equal(SourceKind.TarArchive, source.Kind);
        Assert.Equal(2, source.Tree.Files.Count());
    }

    [Fact]
    public void Scan_of_dev_stdin_reads_a_piped_archive()
    {
        var archive = _tree.WriteBytes("a.tar", TarBytes(TarEntryFormat.Pax, gzip: false, w => Cluster(w, TarEntryFormat.Pax)));

        var run = PvelintProcess.Shell($"gzip -c {PvelintProcess.Quote(archive)} | " + PvelintProcess.Command("scan --fail-on none /dev/stdin"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("in 1 cluster (2 files).", run.Output);
    }

    [Theory]
    [InlineData(-8, "the gzip data is damaged")]          // CRC-32 flipped: zlib notices at the end
    [InlineData(-4, "the gzip data is damaged")]          // ISIZE flipped
    [InlineData(0, "the gzip trailer does not match")]    // trailer cut off: GZipStream alone accepts this
    public void A_damaged_gzip_trailer_is_exit_2_not_linted(int flip, string message)
    {
        var bytes = TarBytes(TarEntryFormat.Pax, gzip: true, w => Cluster(w, TarEntryFormat.Pax));
        if (flip < 0) bytes[^-flip] ^= 0x01;
        else bytes = bytes[..^6];
        var path = _tree.WriteBytes("damaged.tgz", bytes);

        var run = CliRunner.Run(CliRunner.Pinned(), "scan", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void A_huge_GNU_long_name_is_refused_without_reading_it()
    {
        // The 'L' header claims 300 MB; only its header and a little data exist, so reading it would need the bytes.
        var header = new byte[512];
        Encoding.ASCII.GetBytes("././@LongLink").CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
        Encoding.ASCII.GetBytes("00000000000\0").CopyTo(header, 108);
        Encoding.ASCII.GetBytes(Convert.ToString(300_000_000L, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        header[156] = (byte)'L';
        Encoding.ASCII.GetBytes("ustar  \0").CopyTo(header, 257);
        Encoding.ASCII.GetBytes("        ").CopyTo(header, 148);
        Encoding.ASCII.GetBytes(Convert.ToString(header.Sum(b => b), 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        var path = _tree.WriteBytes("long.tar", [.. header, .. new byte[4096]]);

        var run = CliRunner.Run(CliRunner.Pinned(), "scan", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("a GNU long name of 286.1 MiB is larger than the 64 KiB pvelint reads", run.Error);
    }

    [Fact]
    public void The_byte_budget_stops_reading_while_streaming_and_keeps_what_was_read()
    {
        var chunk = new string('#', 100 * 1024 - 1) + "\n";
        var path = _tree.WriteBytes("big.tgz", TarBytes(TarEntryFormat.Pax, gzip: true, w =>
        {
            w.WriteEntry(Archives.File("corosync.conf", "totem {\n}\n"));
            for (var i = 0; i < 40; i++) w.WriteEntry(Archives.File($"nodes/pve1/qemu-server/{100 + i}.conf", chunk));
        }));

        var source = SourceLoader.Load(path, _tree.Root, SourceLimits.Default with { MaxTotalBytes = 1024 * 1024 });

        Assert.Equal(11, source.Tree.Files.Count()); // corosync.conf and ten files of 100 KiB
        Assert.Equal("big.tgz!/nodes/pve1/qemu-server/110.conf: the files read so far exceed 1 MiB in total; this file and the rest were not read",
            Assert.Single(source.Tree.SourceDiagnostics).Message);
    }

    [Fact]
    public void The_entry_limit_applies_while_streaming()
    {
        var path = _tree.WriteBytes("many.tar", TarBytes(TarEntryFormat.Pax, gzip: false, w =>
        {
            for (var i = 0; i < 50; i++) w.WriteEntry(Archives.File($"nodes/n{i:00}/x.cfg", ""));
        }));

        var source = SourceLoader.Load(path, _tree.Root, SourceLimits.Default with { MaxEntries = 10 });

        Assert.Equal(10, source.Tree.Files.Count());
        Assert.Equal("many.tar: more than 10 entries; the rest was not read", Assert.Single(source.Tree.SourceDiagnostics).Message);
    }
}
