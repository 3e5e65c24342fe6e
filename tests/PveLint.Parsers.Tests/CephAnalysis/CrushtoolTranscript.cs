using System.Globalization;
using System.Text.RegularExpressions;

namespace PveLint.Parsers.Tests.CephAnalysis;

/// <summary>
/// crushtool --test output as written to a transcript: each '$ crushtool ...' command line followed by its output
/// lines ('CRUSH rule R x X [a,b]' for --show-mappings, 'bad mapping rule R x X num_rep N result [a,b]' for
/// --show-bad-mappings).
/// </summary>
internal sealed record CrushtoolRun(
    string Command,
    string MapFile,
    int Rule,
    int NumRep,
    int? PoolId,
    int MinX,
    int MaxX,
    IReadOnlyDictionary<int, double> Weights,
    bool ShowsMappings,
    bool ShowsBadMappings,
    IReadOnlyDictionary<int, int[]> Mappings,
    IReadOnlyDictionary<int, int[]> BadMappings)
{
    /// <summary>The '# ...' comment line written just before the command, if any (the generator labels pools and failures).</summary>
    public string? Comment { get; init; }
}

internal static partial class CrushtoolTranscript
{
    [GeneratedRegex(@"^\s*CRUSH rule (\d+) x (-?\d+) \[([^\]]*)\]\s*$")]
    private static partial Regex MappingLine();

    [GeneratedRegex(@"^\s*bad mapping rule (\d+) x (-?\d+) num_rep (\d+) result \[([^\]]*)\]\s*$")]
    private static partial Regex BadMappingLine();

    public static List<CrushtoolRun> Parse(string text)
    {
        var runs = new List<CrushtoolRun>();
        string? command = null;
        string? comment = null, commandComment = null;
        var mappings = new Dictionary<int, int[]>();
        var bad = new Dictionary<int, int[]>();
        void Flush()
        {
            if (command is not null) runs.Add(Build(command, mappings, bad) with { Comment = commandComment });
            mappings = new Dictionary<int, int[]>();
            bad = new Dictionary<int, int[]>();
        }
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("$ crushtool", StringComparison.Ordinal))
            {
                Flush();
                command = line[2..].Trim();
                commandComment = comment;
                comment = null;
                continue;
            }
            if (line.StartsWith('#'))
            {
                comment = line[1..].Trim();
                continue;
            }
            if (MappingLine().Match(line) is { Success: true } m) mappings[int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)] = Items(m.Groups[3].Value);
            else if (BadMappingLine().Match(line) is { Success: true } b) bad[int.Parse(b.Groups[2].Value, CultureInfo.InvariantCulture)] = Items(b.Groups[4].Value);
        }
        Flush();
        return runs;
    }

    private static int[] Items(string list) =>
        list.Length == 0 ? [] : list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    private static CrushtoolRun Build(string command, Dictionary<int, int[]> mappings, Dictionary<int, int[]> bad)
    {
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string map = "";
        int rule = 0, numRep = 0, minX = 0, maxX = 1023;
        int? pool = null;
        var weights = new Dictionary<int, double>();
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "-i": map = args[++i]; break;
                case "--rule": rule = Next(); break;
                case "--num-rep": numRep = Next(); break;
                case "--pool-id": pool = Next(); break;
                case "--min-x": minX = Next(); break;
                case "--max-x": maxX = Next(); break;
                case "--x": minX = maxX = Next(); break;
                case "--weight":
                    var device = Next();
                    weights[device] = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
            }
        }
        return new CrushtoolRun(command, map, rule, numRep, pool, minX, maxX, weights,
            args.Contains("--show-mappings"), args.Contains("--show-bad-mappings"), mappings, bad);
    }
}
