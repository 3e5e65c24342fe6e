using System.Formats.Tar;
using Linter.Cli.Tests.Support;
using PveLint.Cli.Sources;
using PveLint.Diagnostics;

namespace Linter.Cli.Tests.Sources;

public sealed class TarSourceTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private LoadedSource Load(string archive, SourceLimits? limits = null) =>
        SourceLoader.Load(archive, _tree.Root, limits ?? SourceLimits.Default);

    private string Archive(string name, Action<TarWriter> build, bool gzip = true)
    {
        var path = _tree.PathOf(name);
        Archives.Write(path, gzip, build);
        return path;
    }

    private static string[] Paths(LoadedSource source) => source.Tree.Files.Select(f => f.Path).ToArray();

    [Theory]
    [InlineData("backup.tgz", true, "")]
    [InlineData("backup.tar.gz", true, "./")]
    [InlineData("backup.tar", false, "etc/pve/")]
    [InlineData("backup.tar", false, "pve/")]
    [InlineData("named-oddly.bin", true, "./etc/pve/")]
    public void The_archive_stands_for_etc_pve_whatever_prefix_its_entries_carry(string name, bool gzip, string prefix)
    {
        var archive = Archive(name, w =>
        {
            w.WriteEntry(Archives.Entry(TarEntryType.Directory, prefix + "ha/"));
            w.WriteEntry(Archives.File(prefix + "corosync.conf", "totem {\n}\n"));
            w.WriteEntry(Archives.File(prefix + "ha/rules.cfg", "node-affinity: r1\n"));
        }, gzip);

        var source = Load(archive);

        Assert.Equal(SourceKind.TarArchive, source.Kind);
        Assert.Equal(["etc/pve/corosync.conf", "etc/pve/ha/rules.cfg"], Paths(source));
        Assert.Equal($"{name}!/{(prefix.TrimStart('.', '/'))}ha/rules.cfg", source.DisplayPathOf("etc/pve/ha/rules.cfg"));
        Assert.Empty(source.Tree.SourceDiagnostics);
    }

    [Fact]
    public void An_archive_of_a_whole_scan_root_keeps_its_layout()
    {
        var archive = Archive("root.tgz", w =>
        {
            w.WriteEntry(Archives.File("etc/pve/corosync.conf", ""));
            w.WriteEntry(Archives.File("etc/default/pve-ha-manager", "WATCHDOG_MODULE=softdog\n"));
            w.WriteEntry(Archives.File("hosts/pve1/etc/default/pve-ha-manager", ""));
            w.WriteEntry(Archives.File("ceph/crush.txt", ""));
            w.WriteEntry(Archives.File("etc/hostname", "pve1\n"));
        });

        Assert.Equal(["ceph/crush.txt", "etc/default/pve-ha-manager", "etc/pve/corosync.conf", "hosts/pve1/etc/default/pve-ha-manager"], Paths(Load(archive)));
    }

    [Fact]
    public void Secrets_in_the_archive_are_skipped_unseen()
    {
        var archive = Archive("full.tgz", w =>
        {
            w.WriteEntry(Archives.File("corosync.conf", ""));
            w.WriteEntry(Archives.File("priv/authkey.key", "SECRET"));
            w.WriteEntry(Archives.Entry(TarEntryType.SymbolicLink, "priv/lock", "/dev/null"));
            w.WriteEntry(Archives.File("pve-www.key", "SECRET"));
            w.WriteEntry(Archives.File("nodes/pve1/priv/token", "SECRET"));
        });

        var source = Load(archive);

        Assert.Equal(["etc/pve/corosync.conf"], Paths(source));
        Assert.Empty(source.Tree.SourceDiagnostics);
    }

    [Fact]
    public void The_linter_config_beside_the_archive_is_used()
    {
        _tree.Write(".pvelint.yaml", "target: pve-9.2\n");
        var archive = Archive("b.tgz", w => w.WriteEntry(Archives.File("corosync.conf", "")));

        var source = Load(archive);

        Assert.Equal("target: pve-9.2\n", source.Tree.Get(".pvelint.yaml")!.Text);
        Assert.Equal(".pvelint.yaml", source.DisplayPathOf(".pvelint.yaml"));
    }

    [Fact]
    public void Hostile_entries_are_refused_as_PVE0010_and_nothing_is_written_to_disk()
    {
        var archive = Archive("evil.tgz", w =>
        {
            w.WriteEntry(Archives.File("corosync.conf", "totem {\n}\n"));
            w.WriteEntry(Archives.File("../escaped.cfg", "x"));
            w.WriteEntry(Archives.File("ha/../../../escaped2.cfg", "x"));
            w.WriteEntry(Archives.File("/etc/passwd", "root:x:0:0"));
            w.WriteEntry(Archives.Entry(TarEntryType.SymbolicLink, "storage.cfg", "/etc/shadow"));
            w.WriteEntry(Archives.Entry(TarEntryType.HardLink, "user.cfg", "corosync.conf"));
            w.WriteEntry(Archives.Entry(TarEntryType.CharacterDevice, "datacenter.cfg"));
            w.WriteEntry(Archives.Entry(TarEntryType.BlockDevice, "ha/resources.cfg"));
            w.WriteEntry(Archives.Entry(TarEntryType.Fifo, "replication.cfg"));
            w.WriteEntry(Archives.Entry(TarEntryType.SymbolicLink, "local", "nodes/pve1"));
            w.WriteEntry(Archives.Entry(TarEntryType.SymbolicLink, "qemu-server", "nodes/pve1/qemu-server"));
        });
        var before = _tree.AllFiles();

        var source = Load(archive);

        Assert.Equal(before, _tree.AllFiles());
        Assert.Equal(["etc/pve/corosync.conf"], Paths(source));
        var messages = source.Tree.SourceDiagnostics.Select(d => (d.Id, Path: d.Span?.Path, d.Message)).ToList();
        Assert.All(messages, m => Assert.Equal(DiagnosticIds.UnreadableInput, m.Id));
        Assert.Equal(
        [
            (DiagnosticIds.UnreadableInput, (string?)null, "evil.tgz: entry '../escaped.cfg' climbs out of the archive with '..'; it was refused"),
            (DiagnosticIds.UnreadableInput, null, "evil.tgz: entry 'ha/../../../escaped2.cfg' climbs out of the archive with '..'; it was refused"),
            (DiagnosticIds.UnreadableInput, null, "evil.tgz: entry '/etc/passwd' has an absolute path; it was refused"),
            (DiagnosticIds.UnreadableInput, "etc/pve/storage.cfg", "evil.tgz!/storage.cfg: is a symbolic link to '/etc/shadow'; links inside archives are not followed"),
            (DiagnosticIds.UnreadableInput, "etc/pve/user.cfg", "evil.tgz!/user.cfg: is a hard link to 'corosync.conf'; links inside archives are not followed"),
            (DiagnosticIds.UnreadableInput, "etc/pve/datacenter.cfg", "evil.tgz!/datacenter.cfg: is a character device, not a regular file; the entry was refused"),
            (DiagnosticIds.UnreadableInput, "etc/pve/ha/resources.cfg", "evil.tgz!/ha/resources.cfg: is a block device, not a regular file; the entry was refused"),
            (DiagnosticIds.UnreadableInput, "etc/pve/replication.cfg", "evil.tgz!/replication.cfg: is a FIFO, not a regular file; the entry was refused"),
        ], messages);
    }

    [Fact]
    public void A_huge_entry_is_PVE0010_and_the_entries_after_it_are_still_read()
    {
        var archive = Archive("bomb.tgz", w =>
        {
            w.WriteEntry(Archives.File("corosync.conf", ""));
            w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "storage.cfg") { DataStream = new Archives.Zeros(20L * 1024 * 1024) });
            w.WriteEntry(Archives.File("datacenter.cfg", "keyboard: en-us\n"));
        });
        Assert.True(new FileInfo(archive).Length < 1024 * 1024, "the archive should be small and expand a lot");

        var source = Load(archive);

        Assert.Equal(["etc/pve/corosync.conf", "etc/pve/datacenter.cfg"], Paths(source));
        var diagnostic = Assert.Single(source.Tree.SourceDiagnostics);
        Assert.Equal("etc/pve/storage.cfg", diagnostic.Span!.Value.Path);
        Assert.Equal("bomb.tgz!/storage.cfg: the file is 20 MiB, larger than the 16 MiB limit, and was not read", diagnostic.Message);
    }

    [Fact]
    public void Expanding_beyond_the_total_limit_stops_reading_with_PVE0010()
    {
        var archive = Archive("bomb.tgz", w =>
        {
            w.WriteEntry(Archives.File("corosync.conf", ""));
            w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "storage.cfg") { DataStream = new Archives.Zeros(8L * 1024 * 1024) });
            w.WriteEntry(Archives.File("datacenter.cfg", ""));
        });

        var source = Load(archive, new SourceLimits(MaxFileBytes: 1024, MaxEntries: 100, MaxTotalBytes: 1024 * 1024));

        Assert.Equal(["etc/pve/corosync.conf"], Paths(source));
        Assert.Contains(source.Tree.SourceDiagnostics, d => d.Message.StartsWith("bomb.tgz: the archive expands to more than", StringComparison.Ordinal));
    }

    [Fact]
    public void Too_many_entries_stop_reading_with_PVE0010()
    {
        var archive = Archive("many.tgz", w =>
        {
            for (var i = 0; i < 30; i++) w.WriteEntry(Archives.File($"nodes/n{i:00}/lrm_status", "{}"));
        });

        var source = Load(archive, SourceLimits.Default with { MaxEntries = 10 });

        Assert.Equal(10, source.Tree.Files.Count());
        Assert.Equal("many.tgz: more than 10 entries; the rest was not read", Assert.Single(source.Tree.SourceDiagnostics).Message);
    }

    [Fact]
    public void Binary_entries_are_PVE0010()
    {
        var archive = Archive("bin.tgz", w =>
        {
            w.WriteEntry(Archives.File("corosync.conf", ""));
            w.WriteEntry(Archives.File("ceph.conf", [0x00, 0xFF, 0xFE, 0x10]));
        });

        var diagnostic = Assert.Single(Load(archive).Tree.SourceDiagnostics);
        Assert.Equal(("etc/pve/ceph.conf", 1, 2), (diagnostic.Span!.Value.Path, diagnostic.Span.Value.Line, diagnostic.Span.Value.Column));
    }

    [Fact]
    public void A_truncated_gzip_is_a_clear_input_error()
    {
        var archive = Archive("full.tgz", w =>
        {
            for (var i = 0; i < 50; i++) w.WriteEntry(Archives.File($"nodes/n{i:00}/config", new string('x', 2000) + i));
        });
        var bytes = File.ReadAllBytes(archive);
        var truncated = _tree.WriteBytes("truncated.tgz", bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InputException>(() => Load(truncated));
        Assert.StartsWith("truncated.tgz: not a readable tar archive", error.Message);
        Assert.EndsWith("; nothing was scanned", error.Message);
    }

    [Fact]
    public void Random_bytes_named_tgz_are_a_clear_input_error()
    {
        var random = new byte[4096];
        new Random(42).NextBytes(random);
        var path = _tree.WriteBytes("backup.tgz", random);

        var error = Assert.Throws<InputException>(() => Load(path));
        Assert.Equal("backup.tgz: not a tar or gzip archive (it starts with neither a gzip header nor a tar header)", error.Message);
    }

    [Fact]
    public void Gzip_of_something_that_is_not_tar_is_a_clear_input_error()
    {
        var path = _tree.PathOf("notes.tgz");
        using (var file = File.Create(path))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("just some text, not a tar header\n", 40))));

        var error = Assert.Throws<InputException>(() => Load(path));
        Assert.StartsWith("notes.tgz: not a readable tar archive", error.Message);
    }

    [Fact]
    public void An_archive_without_files_is_a_clear_input_error()
    {
        var archive = Archive("empty.tgz", w => w.WriteEntry(Archives.Entry(TarEntryType.Directory, "etc/")));

        var error = Assert.Throws<InputException>(() => Load(archive));
        Assert.Equal("empty.tgz: the archive holds no files of a copy of /etc/pve", error.Message);
    }
}
