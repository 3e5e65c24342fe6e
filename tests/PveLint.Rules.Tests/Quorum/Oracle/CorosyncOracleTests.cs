using System.Text;
using System.Text.Json.Nodes;
using PveLint.Tests;
using Xunit.Abstractions;

namespace PveLint.Rules.Tests.Quorum.Oracle;

/// <summary>
/// pvelint against the real corosync 3.1.7 (corosync -t, then the daemon until votequorum has loaded),
/// corosync-qdevice 3.0.3 and PVE's own parser (PVE::Corosync::parse_conf) on generated corosync.conf files
/// (tests/oracle-data/corosync: the inputs and the programs' verdicts; tests/oracles/corosync-conf: the scripts that
/// regenerate them). Each file must agree: corosync starts or refuses (and a parser error is reported on its line),
/// corosync-qdevice starts or refuses, PVE's parser dies or not and drops node or interface blocks or not. Known
/// disagreements are listed, each with its reason, in known-disagreements.txt; a listed file that now agrees fails
/// too, so the list only shrinks.
/// </summary>
public class CorosyncOracleTests(ITestOutputHelper output)
{
    internal static string DataDir => Path.Combine(TestPaths.RepoRoot, "tests", "oracle-data", "corosync");

    internal static List<JsonObject> Verdicts(string dir) =>
        File.ReadLines(Path.Combine(dir, "verdicts.jsonl")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    [Fact]
    public void Pvelint_says_what_corosync_qdevice_and_pves_parser_do_with_every_generated_file()
    {
        var dir = Environment.GetEnvironmentVariable("PVELINT_COROSYNC_ORACLE_DATA") is { Length: > 0 } other ? other : DataDir;
        var verdicts = Verdicts(dir);
        Assert.True(verdicts.Count >= 800, $"only {verdicts.Count} oracle verdicts");
        var known = dir == DataDir ? KnownDisagreements() : [];

        var disagreeing = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var hostDependent = 0;
        foreach (var verdict in verdicts)
        {
            var name = (string)verdict["file"]!;
            var oracle = CorosyncVerdict.FromOracle(verdict);
            if (oracle.Corosync == "host") hostDependent++;
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(dir, "inputs", name)));
            var (mine, findings) = CorosyncVerdict.FromPvelint(text, oracle, (string)verdict["host"]!);
            var differences = mine.DifferencesFrom(oracle, (string?)verdict["corosync"]!["reason"] ?? (string?)verdict["qdevice"]?["reason"]);
            if (differences.Count > 0)
                disagreeing[name] = [.. differences, .. findings.Select(f => $"    {f.Span?.Line}: {f.RuleId} {f.Message}")];
        }

        var agreeing = verdicts.Count - disagreeing.Count;
        output.WriteLine($"pvelint agrees with corosync, corosync-qdevice and PVE's corosync parser on {agreeing}/{verdicts.Count} files ({100.0 * agreeing / verdicts.Count:F1} %); {hostDependent} host-dependent corosync refusals compared on the other programs only.");
        // PVELINT_ORACLE_REPORT=FILE writes every disagreement there (the test output shows the first 60).
        if (Environment.GetEnvironmentVariable("PVELINT_ORACLE_REPORT") is { Length: > 0 } report)
            File.WriteAllLines(report, disagreeing.Select(d => $"{d.Key}:\n  {string.Join("\n  ", d.Value)}"));
        var unexpected = disagreeing.Where(d => !known.ContainsKey(d.Key)).ToList();
        foreach (var (name, differences) in (dir == DataDir ? unexpected : disagreeing.ToList()).Take(60))
            output.WriteLine($"{name}:\n  {string.Join("\n  ", differences)}");
        var stale = known.Keys.Where(k => !disagreeing.ContainsKey(k)).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} files disagree with the real programs and are not in known-disagreements.txt, first: {unexpected.FirstOrDefault().Key}");
        Assert.True(stale.Count == 0, $"known-disagreements.txt lists files that now agree (remove them): {string.Join(", ", stale)}");
    }

    /// <summary>known-disagreements.txt: "file&lt;TAB&gt;reason" per line, '#' comments.</summary>
    private static Dictionary<string, string> KnownDisagreements()
    {
        var path = Path.Combine(DataDir, "known-disagreements.txt");
        if (!File.Exists(path)) return [];
        return File.ReadLines(path)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
    }
}
