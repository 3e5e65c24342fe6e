using Microsoft.Data.Sqlite;

namespace Linter.Cli.Tests.Support;

/// <summary>One row of the pmxcfs <c>tree</c> table (pve-formats.md §4); <c>Name</c>/<c>Data</c> are objects so tests can store wrong types.</summary>
internal sealed record TreeRow(long Inode, long Parent, long Type, object Name, object? Data);

/// <summary>Builds pmxcfs config.db files for tests: from a copy of /etc/pve, or row by row.</summary>
internal static class ConfigDbBuilder
{
    public const int DirectoryType = 4;
    public const int RegularFileType = 8;

    /// <summary>The rows pmxcfs would store for every directory and file below <paramref name="pveDirectory"/>.</summary>
    public static List<TreeRow> RowsFromDirectory(string pveDirectory)
    {
        var rows = new List<TreeRow>();
        var inode = 0L;
        void AddChildren(string dir, long parent)
        {
            foreach (var sub in System.IO.Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
            {
                var id = ++inode;
                rows.Add(new TreeRow(id, parent, DirectoryType, Path.GetFileName(sub), null));
                AddChildren(sub, id);
            }
            foreach (var file in System.IO.Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
                rows.Add(new TreeRow(++inode, parent, RegularFileType, Path.GetFileName(file), File.ReadAllBytes(file)));
        }
        AddChildren(pveDirectory, 0);
        return rows;
    }

    /// <summary>
    /// Writes a database with pmxcfs's table (without its CHECK constraints, so tests can store bad types) and
    /// the inode-0 <c>__version__</c> row. <paramref name="wal"/> leaves it in WAL mode.
    /// </summary>
    public static void Create(string dbPath, IEnumerable<TreeRow> rows, bool wal = false)
    {
        using var connection = Open(dbPath);
        if (wal) Execute(connection, "PRAGMA journal_mode=WAL");
        Execute(connection, "CREATE TABLE tree (inode INTEGER PRIMARY KEY NOT NULL, parent INTEGER NOT NULL, version INTEGER NOT NULL, writer INTEGER NOT NULL, mtime INTEGER NOT NULL, type INTEGER NOT NULL, name TEXT NOT NULL, data BLOB)");
        Insert(connection, [new TreeRow(0, 0, RegularFileType, "__version__", null), .. rows]);
    }

    /// <summary>
    /// A config.db copied from a "running node": WAL mode, the table and rows only in the -wal file. The copy
    /// of the main file is taken while the writer still holds its connection, as a careless backup would.
    /// </summary>
    public static void CreateWithDataOnlyInWal(string dbPath, IEnumerable<TreeRow> rows, string copyPath, bool copyWal)
    {
        using var connection = Open(dbPath);
        Execute(connection, "PRAGMA journal_mode=WAL");
        Execute(connection, "PRAGMA wal_autocheckpoint=0");
        Execute(connection, "CREATE TABLE tree (inode INTEGER PRIMARY KEY NOT NULL, parent INTEGER NOT NULL, version INTEGER NOT NULL, writer INTEGER NOT NULL, mtime INTEGER NOT NULL, type INTEGER NOT NULL, name TEXT NOT NULL, data BLOB)");
        Insert(connection, rows);
        File.Copy(dbPath, copyPath, overwrite: true);
        if (copyWal) File.Copy(dbPath + "-wal", copyPath + "-wal", overwrite: true);
    }

    /// <summary>Runs one statement against the database at <paramref name="dbPath"/> (for tables and views no honest pmxcfs writes).</summary>
    public static void Execute(string dbPath, string sql)
    {
        using var connection = Open(dbPath);
        Execute(connection, sql);
    }

    private static SqliteConnection Open(string dbPath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Insert(SqliteConnection connection, IEnumerable<TreeRow> rows)
    {
        foreach (var row in rows)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO tree (inode, parent, version, writer, mtime, type, name, data) VALUES ($inode, $parent, $inode, 1, 1700000000, $type, $name, $data)";
            insert.Parameters.AddWithValue("$inode", row.Inode);
            insert.Parameters.AddWithValue("$parent", row.Parent);
            insert.Parameters.AddWithValue("$type", row.Type);
            insert.Parameters.AddWithValue("$name", row.Name);
            insert.Parameters.AddWithValue("$data", row.Data ?? DBNull.Value);
            insert.ExecuteNonQuery();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
