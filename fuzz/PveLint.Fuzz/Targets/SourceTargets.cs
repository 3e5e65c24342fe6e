using Linter.Cli.Tests.Support;
using PveLint.Cli.Sources;
using PveLint.Fuzz.Oracles;

namespace PveLint.Fuzz.Targets;

/// <summary>
/// One target per input source of the CLI, fuzzed through <see cref="SourceLoader.Load"/> on a file in the scratch
/// folder: the tar/tar.gz reader (any bytes, named .tar so that even header-less v7 archives are tried), the config.db
/// reader on raw database bytes (mostly SQLite's own checks), and the config.db reader on a well-formed database whose
/// rows come from the input (pvelint's own tree building). Oracle: a clear <see cref="InputException"/> or a tree of
/// safe logical paths, nothing written beside the input, no temp file left behind.
/// </summary>
internal static class SourceTargets
{
    /// <summary>Smaller than the defaults so a decompression bomb costs milliseconds, not a gigabyte.</summary>
    private static readonly SourceLimits Limits = new(MaxFileBytes: 256 * 1024, MaxEntries: 500, MaxTotalBytes: 4 * 1024 * 1024);

    public static IEnumerable<FuzzTarget> All =>
    [
        new("tar", "a .tar/.tar.gz archive through SourceLoader.Load", input => LoadFile("cluster.tar", path => File.WriteAllBytes(path, input))),
        new("configdb", "raw bytes of a pmxcfs config.db through SourceLoader.Load", input => LoadFile("config.db", path => File.WriteAllBytes(path, input))),
        new("configdb-rows", "rows of the pmxcfs tree table (one 'inode|parent|type|name|data' line each) in a real config.db",
            input => LoadFile("config.db", path => ConfigDbBuilder.Create(path, ConfigDbRows.Decode(FuzzInput.Text(input))))),
    ];

    private static void LoadFile(string name, Action<string> write)
    {
        var scratch = Scratch.Current;
        scratch.Reset();
        var path = Path.Combine(scratch.Input, name);
        write(path);
        try
        {
            var source = SourceLoader.Load(path, scratch.Input, Limits);
            TreeOracle.Check(source);
        }
        catch (InputException)
        {
            // A clear one-line error (exit 2) is an accepted outcome for a damaged archive or database.
        }
        if (scratch.Leftovers(name).FirstOrDefault() is { } leftover)
            throw new OracleViolation($"reading {name} left {leftover} behind");
    }
}
