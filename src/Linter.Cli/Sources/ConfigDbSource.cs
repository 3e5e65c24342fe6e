using Microsoft.Data.Sqlite;
using PveLint.Sources;

namespace PveLint.Cli.Sources;

/// <summary>
/// A pmxcfs database (<c>/var/lib/pve-cluster/config.db</c>, pve-formats.md §4): one table
/// <c>tree(inode, parent, version, writer, mtime, type, name, data)</c>; the root directory is inode 0 and not a
/// row, type 4 is a directory and 8 a regular file. The file (and its <c>-wal</c>) is copied to a private temp
/// directory and opened read-only there, so the user's copy is never touched (SQLite would create a -shm file
/// beside a WAL database). Rows pmxcfs itself would refuse to load (orphans, duplicate names, unknown types,
/// bad column types) are PVE0010; priv/ is skipped.
/// </summary>
public static class ConfigDbSource
{
    private const int DirectoryType = 4;
    private const int RegularFileType = 8;
    private const int MaxDepth = 64;

    /// <summary>The columns whose SQLite type pmxcfs checks (CHECK(typeof(x)=='integer')), with the index of their typeof() in the query.</summary>
    private static readonly (string Column, int Index, string Type)[] ExpectedTypes =
        [("inode", 1, "integer"), ("parent", 3, "integer"), ("type", 5, "integer"), ("name", 7, "text")];

    private sealed record Row(long Inode, long Parent, long Type, string Name, byte[]? Data);

    public static bool LooksLikeSqlite(ReadOnlySpan<byte> head) => head.StartsWith("SQLite format 3\0"u8);

    /// <summary>Reads the tree; returns notes for the user (e.g. a missing -wal file).</summary>
    public static IReadOnlyList<string> Collect(string dbPath, string dbDisplay, SourceCollector collector)
    {
        var notes = new List<string>();
        var walPath = dbPath + "-wal";
        var walPresent = File.Exists(walPath);
        var walMode = IsWalMode(dbPath);
        if (walMode && !walPresent)
            notes.Add($"{dbDisplay} is in WAL mode but {Path.GetFileName(walPath)} is not beside it; if it was copied from a running node, "
                      + "recent changes may be missing (copy config.db together with config.db-wal, or make a copy with 'sqlite3 config.db .backup copy.db')");

        var size = new FileInfo(dbPath).Length + (walPresent ? new FileInfo(walPath).Length : 0);
        if (size > collector.Limits.MaxTotalBytes)
            throw new InputException($"{dbDisplay}: the database is {SourceLimits.Describe(size)}, larger than the {SourceLimits.Describe(collector.Limits.MaxTotalBytes)} limit; nothing was scanned");

        var (rows, badRows) = ReadRows(dbPath, walPresent, walMode, dbDisplay);
        foreach (var problem in badRows) collector.Refuse(null, dbDisplay, problem);
        BuildTree(rows, dbDisplay, collector);
        return notes;
    }

    /// <summary>Byte 18 of the SQLite header is 2 for a database in WAL mode.</summary>
    private static bool IsWalMode(string dbPath)
    {
        using var file = File.OpenRead(dbPath);
        var header = new byte[20];
        return file.Read(header) == header.Length && header[18] == 2;
    }

    /// <summary>The rows of the tree table, and a message for each row whose columns have the wrong types.</summary>
    private static (List<Row> Rows, List<string> BadRows) ReadRows(string dbPath, bool walPresent, bool walMode, string dbDisplay)
    {
        var scratch = Directory.CreateTempSubdirectory("pvelint-db-");
        try
        {
            var copy = Path.Combine(scratch.FullName, "config.db");
            File.Copy(dbPath, copy);
            if (walPresent) File.Copy(dbPath + "-wal", copy + "-wal");
            var connectionString = new SqliteConnectionStringBuilder { DataSource = copy, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT inode, typeof(inode), parent, typeof(parent), type, typeof(type), name, typeof(name), data, typeof(data) FROM tree ORDER BY inode";
            using var reader = command.ExecuteReader();
            var rows = new List<Row>();
            var badRows = new List<string>();
            while (reader.Read())
            {
                var name = reader.IsDBNull(6) ? "" : reader.GetValue(6) is byte[] blob ? System.Text.Encoding.UTF8.GetString(blob) : reader.GetValue(6).ToString() ?? "";
                var wrong = ExpectedTypes.FirstOrDefault(c => reader.GetString(c.Index) != c.Type);
                if (wrong.Column is not null)
                {
                    var inode = reader.IsDBNull(0) ? "?" : reader.GetValue(0).ToString();
                    badRows.Add($"entry '{name}' (inode {inode}) has a {reader.GetString(wrong.Index)} {wrong.Column} where pmxcfs stores {(wrong.Type == "text" ? "text" : "an integer")}; it was not read");
                    continue;
                }
                var data = reader.GetString(9) switch
                {
                    "null" => null,
                    "blob" => (byte[])reader.GetValue(8),
                    _ => System.Text.Encoding.UTF8.GetBytes(reader.GetValue(8).ToString() ?? ""),
                };
                rows.Add(new Row(reader.GetInt64(0), reader.GetInt64(2), reader.GetInt64(4), name, data));
            }
            return (rows, badRows);
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException(walMode && !walPresent
                ? $"{dbDisplay}: the database has no 'tree' table; its data probably sits in {Path.GetFileName(dbPath)}-wal, which is not beside it (copy both files, or run 'sqlite3 config.db .backup copy.db' on the node)"
                : $"{dbDisplay}: the database has no 'tree' table, so it is not a pmxcfs config.db", e);
        }
        catch (SqliteException e)
        {
            throw new InputException($"{dbDisplay}: the database cannot be read ({e.Message.TrimEnd('.')}); nothing was scanned", e);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { scratch.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static void BuildTree(List<Row> rows, string dbDisplay, SourceCollector collector)
    {
        void Refuse(string reason) => collector.Refuse(null, dbDisplay, reason);

        // Inode 0 is the __version__ row, not a file (pve-formats.md §4).
        var entries = rows.Where(r => r.Inode > 0).ToList();
        var byInode = new Dictionary<long, Row>();
        foreach (var row in entries)
            byInode.TryAdd(row.Inode, row);

        var seenNames = new HashSet<(long Parent, string Name)>();
        var accepted = new List<Row>();
        foreach (var row in entries)
        {
            if (row.Type is not (DirectoryType or RegularFileType))
                Refuse($"entry '{row.Name}' (inode {row.Inode}) has type {row.Type}, neither a directory (4) nor a file (8); it was not read");
            else if (row.Name.Length == 0 || row.Name.Contains('/') || row.Name is "." or "..")
                Refuse($"entry inode {row.Inode} has the invalid name '{row.Name}'; it was not read");
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
            if (!collector.CountEntry(dbDisplay)) return;
            var path = PathOf(row, valid);
            if (path is null)
            {
                Refuse($"entry '{row.Name}' (inode {row.Inode}) does not lead back to the root directory; it was not read");
                continue;
            }
            collector.AddBytes(ConfigTree.PvePrefix + path, $"{dbDisplay}!/{path}", row.Data ?? []);
        }
    }

    /// <summary>The path from the root by following parents; null on a cycle or a missing/refused ancestor.</summary>
    private static string? PathOf(Row row, IReadOnlyDictionary<long, Row> valid)
    {
        var parts = new List<string> { row.Name };
        var parent = row.Parent;
        for (var depth = 0; parent != 0; depth++)
        {
            if (depth > MaxDepth || !valid.TryGetValue(parent, out var dir)) return null;
            parts.Add(dir.Name);
            parent = dir.Parent;
        }
        parts.Reverse();
        return string.Join('/', parts);
    }
}
