using System.Formats.Tar;
using System.Text;
using Linter.Cli.Tests.Support;
using PveLint.Cli.Sources;

namespace Linter.Cli.Tests.FuzzRegressions;

/// <summary>
/// Inputs the fuzz targets of fuzz/ (tar, configdb, configdb-rows) found to crash or hang a source, each rebuilt here
/// in its smallest form. A source must answer every input with a tree or a clear <see cref="InputException"/>.
/// </summary>
public sealed class SourceFuzzRegressionTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    /// <summary>
    /// A GNU header whose ctime field is base-256 (leading 0xFF) with more significant bytes than a long holds: the
    /// framework's TarReader threw OverflowException ("internal error"). pvelint's own reader never decodes times, so
    /// the archive reads. Found by the tar target after 2 351 executions (and the same overflow in the mtime field later).
    /// </summary>
    [Fact]
    public void A_gnu_header_with_an_overflowing_base256_time_is_read_without_its_time()
    {
        const int CtimeOffset = 357;
        var path = ArchiveWithPatchedFirstHeader(TarEntryFormat.Gnu, "corosync.conf", header =>
        {
            header[CtimeOffset] = 0xFF;
            for (var i = 1; i < 12; i++) header[CtimeOffset + i] = 0xF3;
        });

        var files = SourceLoader.Load(path, _tree.Root, SourceLimits.Default).Tree.Files;
        Assert.Contains(files, f => f.Path == "etc/pve/corosync.conf");
    }

    /// <summary>
    /// A GNU long-name entry ('L') or a PAX extended header ('x') whose size field says 8 GiB: TarReader throws
    /// InvalidOperationException ("The value of the size field for the current entry of type 'LongPath' is greater than
    /// the expected length") before any limit of pvelint applies. Found by the tar target after 19 040 and 27 510 executions.
    /// </summary>
    [Theory]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.Pax)]
    public void A_metadata_entry_with_a_huge_size_is_a_clear_input_error(TarEntryFormat format)
    {
        // A name longer than 100 characters makes TarWriter put a metadata entry first in both formats.
        const int SizeOffset = 124;
        var path = ArchiveWithPatchedFirstHeader(format, "nodes/" + new string('n', 120) + "/corosync.conf",
            header => Encoding.ASCII.GetBytes("77777777777\0").CopyTo(header, SizeOffset));

        AssertClearInputError(path);
    }

    /// <summary>
    /// pmxcfs names may hold '\', which ConfigDbSource accepts and ConfigTree.Normalize then folds into '/': a root entry
    /// named <c>ha\rules.cfg</c> (one file to pmxcfs) is linted as ha/rules.cfg, and <c>..\..\escape.cfg</c> becomes the
    /// climbing logical path etc/pve/../../escape.cfg. Found by the configdb-rows target's tree oracle after 1 465 executions.
    /// </summary>
    [Fact]
    public void A_config_db_name_with_a_backslash_does_not_become_a_path()
    {
        var db = _tree.PathOf("config.db");
        ConfigDbBuilder.Create(db,
        [
            new TreeRow(1, 0, ConfigDbBuilder.RegularFileType, "ha\\rules.cfg", "negative: r\n\tresources vm:100,vm:101\n"u8.ToArray()),
            new TreeRow(2, 0, ConfigDbBuilder.RegularFileType, "..\\..\\escape.cfg", "x"u8.ToArray()),
            new TreeRow(3, 0, ConfigDbBuilder.RegularFileType, "datacenter.cfg", "keyboard: de\n"u8.ToArray()),
        ]);

        var paths = SourceLoader.Load(db, _tree.Root, SourceLimits.Default).Tree.Files.Select(f => f.Path).ToList();

        Assert.Contains("etc/pve/datacenter.cfg", paths);
        Assert.DoesNotContain("etc/pve/ha/rules.cfg", paths);
        Assert.All(paths, p => Assert.DoesNotContain("..", p.Split('/')));
    }

    /// <summary>
    /// A tree table without pmxcfs's PRIMARY KEY on inode can hold two rows with one inode: building the tree crashed
    /// ("An item with the same key has already been added"). Found by the configdb target after 34 569 executions.
    /// </summary>
    [Fact]
    public void A_config_db_repeating_an_inode_reads_the_first_and_says_so()
    {
        var db = _tree.PathOf("config.db");
        ConfigDbBuilder.Execute(db, "CREATE TABLE tree (inode INTEGER, parent INTEGER, version INTEGER, writer INTEGER, mtime INTEGER, type INTEGER, name TEXT, data BLOB)");
        ConfigDbBuilder.Execute(db, "INSERT INTO tree VALUES (0, 0, 1, 0, 0, 8, '__version__', NULL), " +
            "(7, 0, 1, 0, 0, 8, 'datacenter.cfg', CAST('keyboard: de' || char(10) AS BLOB)), (7, 0, 1, 0, 0, 8, 'storage.cfg', CAST('x' AS BLOB))");

        var tree = SourceLoader.Load(db, _tree.Root, SourceLimits.Default).Tree;

        Assert.Contains(tree.Files, f => f.Path == "etc/pve/datacenter.cfg");
        Assert.DoesNotContain(tree.Files, f => f.Path == "etc/pve/storage.cfg");
        Assert.Contains(tree.SourceDiagnostics, d => d.Message.Contains("repeats inode 7 of entry 'datacenter.cfg'", StringComparison.Ordinal));
    }

    private void AssertClearInputError(string path)
    {
        var error = Assert.Throws<InputException>(() => SourceLoader.Load(path, _tree.Root, SourceLimits.Default));
        Assert.StartsWith("backup.tar: not a readable tar archive", error.Message);
    }

    /// <summary>A one-entry archive whose first 512-byte header is changed by <paramref name="patch"/> (the checksum is then fixed).</summary>
    private string ArchiveWithPatchedFirstHeader(TarEntryFormat format, string name, Action<byte[]> patch)
    {
        var archive = new MemoryStream();
        using (var writer = new TarWriter(archive, format, leaveOpen: true))
        {
            TarEntry entry = format == TarEntryFormat.Gnu ? new GnuTarEntry(TarEntryType.RegularFile, name) : new PaxTarEntry(TarEntryType.RegularFile, name);
            entry.DataStream = new MemoryStream("totem {\n}\n"u8.ToArray());
            writer.WriteEntry(entry);
        }
        var bytes = archive.ToArray();
        patch(bytes);
        FixHeaderChecksum(bytes);
        return _tree.WriteBytes("backup.tar", bytes);
    }

    /// <summary>The header checksum (offset 148, 8 bytes): the byte sum with the field itself counted as spaces, as six octal digits, NUL, space.</summary>
    private static void FixHeaderChecksum(byte[] header)
    {
        const int ChecksumOffset = 148;
        for (var i = 0; i < 8; i++) header[ChecksumOffset + i] = (byte)' ';
        var sum = header.Take(512).Sum(b => (int)b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, ChecksumOffset);
    }
}
