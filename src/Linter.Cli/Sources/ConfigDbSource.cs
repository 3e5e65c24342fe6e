using Microsoft.Data.Sqlite;
using PveLint.Sources;

namespace PveLint.Cli.Sources;

/// <summary>
/// A pmxcfs database (<c>/var/lib/pve-cluster/config.db</c>, pve-formats.md §4): one table
/// <c>tree(inode, parent, version, writer, mtime, type, name, data)</c>; the root directory is inode 0 and not a
/// row, type 4 is a directory and 8 a regular file. The file (and its <c>-wal</c>) is copied, within the byte
/// budget, to a private <see cref="ScratchDirectory"/> and opened read-only there, so the user's copy is never
/// touched (SQLite would create a -shm file beside a WAL database). <c>tree</c> must be a real table (a view
/// could run forever), and the limits are part of the query (LIMIT, octet_length) so no row beyond them is
/// ever loaded. Rows pmxcfs itself would refuse to load (orphans, duplicate names, unknown types, bad column
/// types, negative inodes) are PVE0010; priv/ is skipped.
/// </summary>
public static class ConfigDbSource
{
    private const int DirectoryType = 4;
    private const int RegularFileType = 8;
    public const int MaxDepth = 64;
    /// <summary>A file name in pmxcfs is one directory entry (NAME_MAX).</summary>
    private const int MaxNameBytes = 255;

    /// <summary>The columns whose SQLite type pmxcfs checks (CHECK(typeof(x)=='integer')), with the index of their typeof() in the query.</summary>
    private static readonly (string Column, int Index, string Type)[] ExpectedTypes =
        [("inode", 1, "integer"), ("parent", 3, "integer"), ("type", 5, "integer"), ("name", 7, "text")];

    private sealed record Row(long Inode, long Parent, long Type, string Name, byte[]? Data, long DataSize);

    public static bool LooksLikeSqlite(ReadOnlySpan<byte> head) => head.StartsWith("SQLite format 3\0"u8);

    /// <summary>
    /// Reads the tree from <paramref name="database"/> (positioned at its first byte; <paramref name="dbPath"/>
    /// is where its -wal would be, null for a pipe); returns notes for the user (e.g. a missing -wal file).
    /// </summary>
    public static IReadOnlyList<string> Collect(Stream database, ReadOnlySpan<byte> header, string? dbPath, string dbDisplay, SourceCollector collector)
    {
        var notes = new List<string>();
        // Byte 18 of the SQLite header is 2 for a database in WAL mode.
        var walMode = header.Length > 18 && header[18] == 2;
        var walPath = dbPath is null ? null : dbPath + "-wal";
        var walPresent = walPath is not null && (Path.Exists(walPath) || new FileInfo(walPath).LinkTarget is not null);
        if (walMode && !walPresent)
            notes.Add($"{dbDisplay} is in WAL mode but {Path.GetFileName(dbPath ?? "config.db")}-wal is not beside it; if it was copied from a running node, "
                      + "recent changes may be missing (copy config.db together with config.db-wal, or make a copy with 'sqlite3 config.db .backup copy.db')");

        using var scratch = new ScratchDirectory("pvelint-db-");
        var copy = Path.Combine(scratch.Path, "config.db");
        var limit = collector.Limits.MaxDatabaseBytes;
        var used = CopyBounded(database, copy, limit, 0, dbDisplay, "the database");
        if (walPresent)
        {
            var walDisplay = dbDisplay + "-wal";
            try
            {
                using var wal = RegularFile.Open(walPath!, out var status);
                collector.RecordInput(walPath!, status);
                CopyBounded(wal, copy + "-wal", limit, used, walDisplay, "the database with its -wal file");
            }
            catch (UnreadableFileException e)
            {
                throw new InputException($"{walDisplay}: the file {e.Reason}; nothing was scanned", e);
            }
        }

        var (rows, badRows) = ReadRows(copy, walMode && !walPresent, dbDisplay, collector);
        foreach (var problem in badRows) collector.Refuse(null, dbDisplay, problem);
        BuildTree(rows, dbDisplay, collector);
        return notes;
    }

    /// <summary>Copies what is left of the byte <paramref name="limit"/> after <paramref name="used"/>; a larger input stops the scan.</summary>
    private static long CopyBounded(Stream source, string target, long limit, long used, string display, string what)
    {
        try
        {
            using var bounded = new BoundedReadStream(source, limit - used);
            using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            bounded.CopyTo(file);
            return bounded.BytesRead;
        }
        catch (ReadLimitExceededException e)
        {
            throw new InputException($"{display}: {what} is larger than the {SourceLimits.Describe(limit)} limit; nothing was scanned", e);
        }
    }

    /// <summary>The rows of the tree table (at most the entry limit + 1), and a message for each row whose columns have the wrong types.</summary>
    private static (List<Row> Rows, List<string> BadRows) ReadRows(string copy, bool walMissing, string dbDisplay, SourceCollector collector)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = copy, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            var cancellation = collector.Cancellation;
            // Checked every 10 000 virtual-machine steps: Ctrl-C stops even a long query.
            SQLitePCL.raw.sqlite3_progress_handler(connection.Handle, 10_000, _ => cancellation.IsCancellationRequested ? 1 : 0, null);
            RequireTreeTable(connection, walMissing, dbDisplay);

            using var command = connection.CreateCommand();
            command.CommandText =
                """
                SELECT inode, typeof(inode), parent, typeof(parent), type, typeof(type),
                       CASE WHEN octet_length(name) <= $maxName THEN name END, typeof(name), octet_length(name),
                       CASE WHEN octet_length(data) <= $maxData THEN data END, typeof(data), octet_length(data)
                FROM main.tree LIMIT $rows
                """;
            command.Parameters.AddWithValue("$maxName", MaxNameBytes);
            command.Parameters.AddWithValue("$maxData", collector.Limits.MaxFileBytes);
            // The __version__ row, the entries the limit allows, and one more to notice the limit.
            command.Parameters.AddWithValue("$rows", (long)collector.RemainingEntries + 2);
            using var reader = command.ExecuteReader();
            var rows = new List<Row>();
            var badRows = new List<string>();
            long loaded = 0;
            while (reader.Read())
            {
                var name = reader.IsDBNull(6) ? "" : reader.GetValue(6) is byte[] blob ? System.Text.Encoding.UTF8.GetString(blob) : reader.GetValue(6).ToString() ?? "";
                var inodeText = reader.IsDBNull(0) ? "?" : reader.GetValue(0).ToString();
                var wrong = ExpectedTypes.FirstOrDefault(c => reader.GetString(c.Index) != c.Type);
                if (wrong.Column is not null)
                {
                    badRows.Add($"entry '{name}' (inode {inodeText}) has a {reader.GetString(wrong.Index)} {wrong.Column} where pmxcfs stores {(wrong.Type == "text" ? "text" : "an integer")}; it was not read");
                    continue;
                }
                if (reader.GetInt64(8) > MaxNameBytes)
                {
                    badRows.Add($"entry inode {inodeText} has a name of {reader.GetInt64(8)} bytes, longer than the {MaxNameBytes} a directory entry can have; it was not read");
                    continue;
                }
                var size = reader.IsDBNull(11) ? 0 : reader.GetInt64(11);
                // Data past the file limit, or past the total, stays in SQLite; it is reported when the row is added.
                var withinTotal = (loaded += size) <= collector.Limits.MaxTotalBytes;
                var data = reader.GetString(10) switch
                {
                    "null" => null,
                    _ when reader.IsDBNull(9) || !withinTotal => null,
                    "blob" => (byte[])reader.GetValue(9),
                    _ => System.Text.Encoding.UTF8.GetBytes(reader.GetValue(9).ToString() ?? ""),
                };
                rows.Add(new Row(reader.GetInt64(0), reader.GetInt64(2), reader.GetInt64(4), name, data, size));
            }
            return (rows, badRows);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 9 /* SQLITE_INTERRUPT */)
        {
            collector.Cancellation.ThrowIfCancellationRequested();
            throw new InputException($"{dbDisplay}: the query was interrupted; nothing was scanned", e);
        }
        catch (SqliteException e)
        {
            throw new InputException($"{dbDisplay}: the database cannot be read ({e.Message.TrimEnd('.')}); nothing was scanned", e);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary><c>tree</c> must be an ordinary table: a view (or a virtual table) runs arbitrary SQL, possibly forever.</summary>
    private static void RequireTreeTable(SqliteConnection connection, bool walMissing, string dbDisplay)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, sql FROM main.sqlite_schema WHERE name = 'tree' COLLATE NOCASE";
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            throw new InputException(walMissing
                ? $"{dbDisplay}: the database has no 'tree' table; its data probably sits in config.db-wal, which is not beside it (copy both files, or run 'sqlite3 config.db .backup copy.db' on the node)"
                : $"{dbDisplay}: the database has no 'tree' table, so it is not a pmxcfs config.db");
        var type = reader.GetString(0);
        var sql = reader.IsDBNull(1) ? "" : reader.GetString(1);
        if (type != "table" || sql.TrimStart().StartsWith("CREATE VIRTUAL", StringComparison.OrdinalIgnoreCase))
            throw new InputException($"{dbDisplay}: 'tree' is a {(type == "table" ? "virtual table" : type)}, not a table as in a pmxcfs config.db; it was not queried");
    }

    private static void BuildTree(List<Row> rows, string dbDisplay, SourceCollector collector)
    {
        void Refuse(string reason) => collector.Refuse(null, dbDisplay, reason);

        var byInode = new Dictionary<long, Row>();
        var entries = new List<Row>();
        // Inode 0 is the __version__ row, not a file (pve-formats.md §4).
        foreach (var row in rows.Where(r => r.Inode != 0).OrderBy(r => r.Inode))
        {
            if (!collector.CountEntry(dbDisplay)) break;
            if (row.Inode < 0)
            {
                Refuse($"entry '{row.Name}' has the negative inode {row.Inode}; pmxcfs numbers entries from 1, so it was not read");
                continue;
            }
            // pmxcfs's inode is the PRIMARY KEY; a hand-made table without one can repeat it.
            if (!byInode.TryAdd(row.Inode, row))
            {
                Refuse($"entry '{row.Name}' repeats inode {row.Inode} of entry '{byInode[row.Inode].Name}'; only the first was read");
                continue;
            }
            entries.Add(row);
        }

        var seenNames = new HashSet<(long Parent, string Name)>();
        var accepted = new List<Row>();
        foreach (var row in entries)
        {
            if (row.Type is not (DirectoryType or RegularFileType))
                Refuse($"entry '{row.Name}' (inode {row.Inode}) has type {row.Type}, neither a directory (4) nor a file (8); it was not read");
            else if (row.Name.Length == 0 || row.Name.Contains('/') || row.Name is "." or "..")
                Refuse($"entry inode {row.Inode} has the invalid name '{row.Name}'; it was not read");
            else if (row.Name.Contains('\\'))
                // pmxcfs allows '\' in a name, but pvelint's paths fold it into '/', so it would read as another file.
                Refuse($"entry '{row.Name}' (inode {row.Inode}) has a '\\' in its name, which no PVE configuration file has; it was not read");
            else if (row.Parent != 0 && !byInode.ContainsKey(row.Parent))
                Refuse($"entry '{row.Name}' (inode {row.Inode}) names parent inode {row.Parent}, which does not exist; it was not read");
            else if (row.Parent != 0 && byInode[row.Parent].Type != DirectoryType)
                Refuse($"entry '{row.Name}' (inode {row.Inode}) has parent inode {row.Parent}, which is not a directory; it was not read");
            else if (!seenNames.Add((row.Parent, row.Name)))
                Refuse($"entry '{row.Name}' (inode {row.Inode}) repeats a name already used in its directory; only the first was read");
            else
                accepted.Add(row);
        }

        var valid = accepted.ToDictionary(r => r.Inode);
        foreach (var row in accepted.Where(r => r.Type == RegularFileType))
        {
            var (path, problem) = PathOf(row, valid);
            if (path is null)
            {
                Refuse($"entry '{row.Name}' (inode {row.Inode}) {problem}; it was not read");
                continue;
            }
            var logical = ConfigTree.PvePrefix + path;
            if (SecretPaths.IsSecret(logical)) continue;
            var display = $"{dbDisplay}!/{path}";
            if (row.Data is null && row.DataSize > 0) collector.Admit(logical, display, row.DataSize);
            else collector.AddBytes(logical, display, row.Data ?? []);
        }
    }

    /// <summary>The path from the root by following parents, or why there is none (a cycle, a refused ancestor, too deep).</summary>
    private static (string? Path, string? Problem) PathOf(Row row, IReadOnlyDictionary<long, Row> valid)
    {
        var parts = new List<string> { row.Name };
        var seen = new HashSet<long> { row.Inode };
        for (var parent = row.Parent; parent != 0;)
        {
            if (!valid.TryGetValue(parent, out var dir)) return (null, "does not lead back to the root directory (an ancestor was not read)");
            if (!seen.Add(parent)) return (null, "does not lead back to the root directory (its parent directories form a cycle)");
            if (parts.Count > MaxDepth) return (null, $"lies more than {MaxDepth} directories deep");
            parts.Add(dir.Name);
            parent = dir.Parent;
        }
        parts.Reverse();
        return (string.Join('/', parts), null);
    }
}
