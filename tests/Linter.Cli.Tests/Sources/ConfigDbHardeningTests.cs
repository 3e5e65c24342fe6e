using System.Text;
using Linter.Cli.Tests.Support;
using PveLint.Cli.Sources;
using static Linter.Cli.Tests.Support.ConfigDbBuilder;

namespace Linter.Cli.Tests.Sources;

/// <summary>
/// Issue 6 for config.db: tree must be a table (a view runs arbitrary SQL), the limits are part of the query,
/// the -wal copy is bounded and must be a regular file, and rows pmxcfs would not load are reported, not lost.
/// </summary>
public sealed class ConfigDbHardeningTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private LoadedSource Load(string db, SourceLimits? limits = null) => SourceLoader.Load(db, _tree.Root, limits ?? SourceLimits.Default);

    [Fact]
    public void A_tree_that_is_an_endless_recursive_view_is_never_queried()
    {
        var db = _tree.PathOf("config.db");
        Execute(db, """
            CREATE VIEW tree AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
            SELECT i AS inode, 0 AS parent, 0 AS version, 0 AS writer, 0 AS mtime, 8 AS type, 'f' || i AS name, zeroblob(1000000) AS data FROM n
            """);

        var error = Fifo.WithinSeconds(30, () => Assert.Throws<InputException>(() => Load(db)));

        Assert.Equal("config.db: 'tree' is a view, not a table as in a pmxcfs config.db; it was not queried", error.Message);
    }

    [Fact]
    public void Rows_beyond_the_entry_limit_are_never_loaded()
    {
        var db = _tree.PathOf("config.db");
        Create(db, [new(1, 0, RegularFileType, "corosync.conf", Encoding.UTF8.GetBytes(""))]);
        // 200 000 more rows; with the limit in the query only 12 of them are fetched.
        Execute(db, """
            WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 200001)
            INSERT INTO tree SELECT i, 0, i, 1, 0, 8, 'f' || i || '.cfg', NULL FROM n
            """);

        var source = Load(db, SourceLimits.Default with { MaxEntries = 10 });

        Assert.Equal(10, source.Tree.Files.Count());
        Assert.Equal("config.db: more than 10 entries; the rest was not read", Assert.Single(source.Tree.SourceDiagnostics).Message);
    }

    [Fact]
    public void Negative_inodes_are_reported_not_dropped()
    {
        var db = _tree.PathOf("config.db");
        Create(db,
        [
            new(1, 0, RegularFileType, "corosync.conf", Encoding.UTF8.GetBytes("")),
            new(-5, 0, RegularFileType, "storage.cfg", Encoding.UTF8.GetBytes("dir: local\n")),
        ]);

        var source = Load(db);

        Assert.Equal(["etc/pve/corosync.conf"], source.Tree.Files.Select(f => f.Path).ToArray());
        Assert.Equal("config.db: entry 'storage.cfg' has the negative inode -5; pmxcfs numbers entries from 1, so it was not read", Assert.Single(source.Tree.SourceDiagnostics).Message);
    }

    [Fact]
    public void A_200_level_chain_is_too_deep_not_disconnected()
    {
        var db = _tree.PathOf("config.db");
        var rows = Enumerable.Range(1, 200).Select(i => new TreeRow(i, i - 1, DirectoryType, $"d{i}", null)).ToList();
        rows.Add(new TreeRow(201, 200, RegularFileType, "deep.cfg", Encoding.UTF8.GetBytes("")));
        rows.Add(new TreeRow(202, 0, RegularFileType, "corosync.conf", Encoding.UTF8.GetBytes("")));
        Create(db, rows);

        var source = Load(db);

        Assert.Equal("config.db: entry 'deep.cfg' (inode 201) lies more than 64 directories deep; it was not read", Assert.Single(source.Tree.SourceDiagnostics).Message);
    }

    [Fact]
    public void Data_above_the_file_limit_is_left_in_the_database()
    {
        var db = _tree.PathOf("config.db");
        Create(db, [new(1, 0, RegularFileType, "corosync.conf", new byte[4096])]);

        var source = Load(db, SourceLimits.Default with { MaxFileBytes = 1024 });

        Assert.Equal("config.db!/corosync.conf: the file is 4 KiB, larger than the 1 KiB limit, and was not read", Assert.Single(source.Tree.SourceDiagnostics).Message);
    }

    [Fact]
    public void Row_data_past_the_total_stays_in_the_database()
    {
        var db = _tree.PathOf("config.db");
        Create(db, Enumerable.Range(1, 8).Select(i => new TreeRow(i, 0, RegularFileType, $"f{i}.cfg", new byte[20_000])));

        var source = Load(db, SourceLimits.Default with { MaxTotalBytes = 70_000 });

        Assert.Equal(3, source.Tree.Files.Count());
        Assert.Equal("config.db!/f4.cfg: the files read so far exceed 68.4 KiB in total; this file and the rest were not read", Assert.Single(source.Tree.SourceDiagnostics).Message);
    }

    [Fact]
    public void A_wal_that_is_a_fifo_or_a_device_is_exit_2_not_a_hang()
    {
        var db = _tree.PathOf("fifo/config.db");
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        Create(db, [new(1, 0, RegularFileType, "corosync.conf", Encoding.UTF8.GetBytes(""))]);
        Fifo.Create(db + "-wal");
        var zero = _tree.PathOf("zero/config.db");
        Directory.CreateDirectory(Path.GetDirectoryName(zero)!);
        File.Copy(db, zero);
        File.CreateSymbolicLink(zero + "-wal", "/dev/zero");

        var fifo = Fifo.WithinSeconds(30, () => Assert.Throws<InputException>(() => Load(db)));
        var device = Fifo.WithinSeconds(30, () => Assert.Throws<InputException>(() => Load(zero)));

        Assert.Equal("fifo/config.db-wal: the file is a FIFO, not a regular file; nothing was scanned", fifo.Message);
        Assert.Equal("zero/config.db-wal: the file is a character device, not a regular file; nothing was scanned", device.Message);
    }

    [Fact]
    public void A_wal_past_the_byte_budget_is_not_copied_whole()
    {
        var db = _tree.PathOf("config.db");
        Create(db, [new(1, 0, RegularFileType, "corosync.conf", Encoding.UTF8.GetBytes(""))]);
        using (var wal = File.Create(db + "-wal")) wal.SetLength(100L * 1024 * 1024); // sparse

        var error = Assert.Throws<InputException>(() => Load(db, SourceLimits.Default with { MaxTotalBytes = 1024 * 1024 }));

        Assert.Equal("config.db-wal: the database with its -wal file is larger than the 4 MiB limit; nothing was scanned", error.Message);
    }

    [Fact]
    public async Task A_database_from_a_pipe_is_read()
    {
        var db = _tree.PathOf("config.db");
        Create(db, [new(1, 0, RegularFileType, "corosync.conf", Encoding.UTF8.GetBytes("totem {\n}\n"))]);
        var bytes = await File.ReadAllBytesAsync(db);
        var pipe = Fifo.Create(_tree.PathOf("pipe"));
        var writer = Task.Run(() =>
        {
            using var stream = new FileStream(pipe, FileMode.Open, FileAccess.Write);
            stream.Write(bytes);
        });

        var source = Fifo.WithinSeconds(30, () => Load(pipe));
        await writer;

        Assert.Equal(SourceKind.ConfigDb, source.Kind);
        Assert.Equal("totem {\n}\n", source.Tree.Get("etc/pve/corosync.conf")!.Text);
    }
}
