using System.Formats.Tar;
using System.Text;
using Linter.Cli.Tests.Support;
using PveLint.Cli.Sources;

namespace Linter.Cli.Tests.FuzzRegressions;

/// <summary>
/// Inputs the fuzz targets of fuzz/ (tar, configdb, configdb-rows) found to crash or hang a source, each rebuilt here
/// from its smallest form. A source must answer every input with a tree or a clear <see cref="InputException"/>.
/// </summary>
public sealed class SourceFuzzRegressionTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    /// <summary>
    /// A GNU tar header whose ctime field is base-256 (leading 0xFF) with more significant bytes than a long holds:
    /// TarReader throws OverflowException, which TarSource's catch filter does not name, so the CLI says "internal
    /// error (OverflowException)" instead of naming the damaged archive. Found by the tar target after 2 351 executions.
    /// </summary>
    [Fact(Skip = "fuzz finding routed to the owner of src/Linter.Cli/Sources (issue 6): TarSource.ReadEntries must also catch OverflowException; passes once it does")]
    public void A_gnu_header_with_an_overflowing_base256_time_is_a_clear_input_error()
    {
        var archive = new MemoryStream();
        using (var writer = new TarWriter(archive, TarEntryFormat.Gnu, leaveOpen: true))
            writer.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, "corosync.conf") { DataStream = new MemoryStream("totem {\n}\n"u8.ToArray()) });
        var bytes = archive.ToArray();
        // ctime: offset 357, 12 bytes. 0xFF marks a negative base-256 number; eleven 0xF3 bytes do not fit in a long.
        const int CtimeOffset = 357;
        bytes[CtimeOffset] = 0xFF;
        for (var i = 1; i < 12; i++) bytes[CtimeOffset + i] = 0xF3;
        FixHeaderChecksum(bytes);
        var path = _tree.WriteBytes("backup.tar", bytes);

        var error = Assert.Throws<InputException>(() => SourceLoader.Load(path, _tree.Root, SourceLimits.Default));

        Assert.StartsWith("backup.tar: not a readable tar archive", error.Message);
    }

    /// <summary>The header checksum (offset 148, 8 bytes): the byte sum with the field itself counted as spaces, as six octal digits, NUL, space.</summary>
    private static void FixHeaderChecksum(byte[] header)
    {
        const int ChecksumOffset = 148;
        for (var i = 0; i < 8; i++) header[ChecksumOffset + i] = (byte)' ';
        var sum = header.Take(512).Sum(b => (int)b);
        var digits = Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ");
        digits.CopyTo(header, ChecksumOffset);
    }
}
