using System.Text;
using Linter.Cli.Tests.Support;
using PveLint.Cli.Sources;
using static Linter.Cli.Tests.Support.ConfigDbBuilder;

namespace Linter.Cli.Tests.Sources;

public sealed class ConfigDbSourceTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private LoadedSource Load(string db) => SourceLoader.Load(db, _tree.Root, SourceLimits.Default);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string[] Paths(LoadedSource source) => source.Tree.Files.Select(f => f.Path).ToArray();

    private static readonly TreeRow[] Cluster =
    [
        new(1, 0, RegularFileType, "corosync.conf", Bytes("totem {\n}\n")),
        new(2, 0, DirectoryType, "nodes", null),
        new(3, 2, DirectoryType, "pve1", null),
        new(4, 3, DirectoryType, "qemu-server", null),
        new(5, 4, RegularFileType, "100.conf", Bytes("memory: 2048\n")),
        new(6, 0, DirectoryType, "priv", null),
        new(7, 6, RegularFileType, "authkey.key", Bytes("SECRET")),
        new(8, 0, RegularFileType, "datacenter.cfg", null),
    ];

    [Fact]
    public void The_tree_table_is_rebuilt_into_etc_pve_paths_without_priv()
    {
        var db = _tree.PathOf("config.db");
        Create(db, Cluster);

        var source = Load(db);

        Assert.Equal(SourceKind.ConfigDb, source.Kind);
        Assert.Equal(["etc/pve/corosync.conf", "etc/pve/datacenter.cfg", "etc/pve/nodes/pve1/qemu-server/100.conf"], Paths(source));
        Assert.Equal("", source.Tree.Get("etc/pve/datacenter.cfg")!.Text);
        Assert.Equal("config.db!/nodes/pve1/qemu-server/100.conf", source.DisplayPathOf("etc/pve/nodes/pve1/qemu-server/100.conf"));
        Assert.Empty(source.Tree.SourceDiagnostics);
        Assert.Empty(source.Notes);
    }

    [Fact]
    public void The_database_is_never_modified_and_no_shm_or_wal_file_appears_beside_it()
    {
        var db = _tree.PathOf("config.db");
        Create(db, Cluster, wal: true);
        var before = File.ReadAllBytes(db);
        var files = _tree.AllFiles();

        Load(db);

        Assert.Equal(before, File.ReadAllBytes(db));
        Assert.Equal(files, _tree.AllFiles());
    }

    [Fact]
    public void Rows_pmxcfs_would_refuse_are_PVE0010_and_the_rest_is_read()
    {
        var db = _tree.PathOf("config.db");
        Create(db,
        [
            new(1, 0, RegularFileType, "corosync.conf", Bytes("")),
            new(2, 0, RegularFileType, "corosync.conf", Bytes("duplicate")),
            new(3, 99, RegularFileType, "orphan.cfg", Bytes("")),
            new(4, 1, RegularFileType, "child-of-a-file.cfg", Bytes("")),
            new(5, 0, 10, "socket", null),
            new(6, 0, RegularFileType, Bytes("blob-name"), Bytes("")),
            new(7, 0, RegularFileType, "bad/name", Bytes("")),
            new(8, 0, RegularFileType, "storage.cfg", Bytes("dir: local\n")),
        ]);

        var source = Load(db);

        Assert.Equal(["etc/pve/corosync.conf", "etc/pve/storage.cfg"], Paths(source));
        Assert.Equal("", source.Tree.Get("etc/pve/corosync.conf")!.Text);
        Assert.Equal(
        [
            "config.db: entry 'blob-name' (inode 6) has a blob name where pmxcfs stores text; it was not read",
            "config.db: entry 'corosync.conf' (inode 2) repeats a name already used in its directory; only the first was read",
            "config.db: entry 'orphan.cfg' (inode 3) names parent inode 99, which does not exist; it was not read",
            "config.db: entry 'child-of-a-file.cfg' (inode 4) has parent inode 1, which is not a directory; it was not read",
            "config.db: entry 'socket' (inode 5) has type 10, neither a directory (4) nor a file (8); it was not read",
            "config.db: entry inode 7 has the invalid name 'bad/name'; it was not read",
        ], source.Tree.SourceDiagnostics.Select(d => d.Message));
        Assert.All(source.Tree.SourceDiagnostics, d => Assert.Equal("PVE0010", d.Id));
    }

    [Fact]
    public void A_cycle_of_parents_is_PVE0010_not_a_hang()
    {
        var db = _tree.PathOf("config.db");
        Create(db,
        [
            new(1, 2, DirectoryType, "a", null),
            new(2, 1, DirectoryType, "b", null),
            new(3, 2, RegularFileType, "loop.cfg", Bytes("")),
            new(4, 0, RegularFileType, "corosync.conf", Bytes("")),
        ]);

        var source = Load(db);

        Assert.Equal(["etc/pve/corosync.conf"], Paths(source));
        Assert.Equal("config.db: entry 'loop.cfg' (inode 3) does not lead back to the root directory (its parent directories form a cycle); it was not read", Assert.Single(source.Tree.SourceDiagnostics).Message);
    }

    [Fact]
    public void Data_only_in_a_missing_wal_file_is_a_clear_input_error()
    {
        var copy = _tree.PathOf("copy/config.db");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        CreateWithDataOnlyInWal(_tree.PathOf("live.db"), Cluster, copy, copyWal: false);

        var error = Assert.Throws<InputException>(() => Load(copy));
        Assert.Equal("copy/config.db: the database has no 'tree' table; its data probably sits in config.db-wal, which is not beside it (copy both files, or run 'sqlite3 config.db .backup copy.db' on the node)", error.Message);
    }

    [Fact]
    public void With_its_wal_file_beside_it_the_same_copy_is_read()
    {
        var copy = _tree.PathOf("copy/config.db");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        CreateWithDataOnlyInWal(_tree.PathOf("live.db"), Cluster, copy, copyWal: true);

        var source = Load(copy);

        Assert.Equal(["etc/pve/corosync.conf", "etc/pve/datacenter.cfg", "etc/pve/nodes/pve1/qemu-server/100.conf"], Paths(source));
        Assert.Empty(source.Notes);
    }

    [Fact]
    public void A_wal_mode_database_without_its_wal_file_gets_a_note()
    {
        var db = _tree.PathOf("config.db");
        Create(db, Cluster, wal: true);
        Assert.False(File.Exists(db + "-wal"), "a cleanly closed WAL database has no -wal file");

        var source = Load(db);

        Assert.Equal(3, source.Tree.Files.Count());
        Assert.StartsWith("config.db is in WAL mode but config.db-wal is not beside it", Assert.Single(source.Notes));
    }

    [Fact]
    public void A_sqlite_database_of_another_kind_is_a_clear_input_error()
    {
        var db = _tree.PathOf("other.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes (x TEXT)";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InputException>(() => Load(db));
        Assert.Equal("other.db: the database has no 'tree' table, so it is not a pmxcfs config.db", error.Message);
    }

    [Fact]
    public void A_damaged_database_is_a_clear_input_error()
    {
        var db = _tree.PathOf("config.db");
        Create(db, Cluster);
        var bytes = File.ReadAllBytes(db);
        for (var i = 100; i < bytes.Length; i++) bytes[i] = (byte)(i * 31);
        File.WriteAllBytes(db, bytes);

        var error = Assert.Throws<InputException>(() => Load(db));
        Assert.StartsWith("config.db: the database cannot be read (", error.Message);
    }
}
