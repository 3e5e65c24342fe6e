using System.Text.Json.Nodes;
using PveLint.Tests;
using Xunit.Abstractions;

namespace PveLint.Parsers.Tests.SectionConfig.Oracle;

/// <summary>
/// pvelint against PVE 9.1's own HA section-config parser (pve-common 9.0.15 <c>parse_config</c> with
/// pve-ha-manager 5.0.8's plugins) on generated ha/resources.cfg, ha/groups.cfg and ha/rules.cfg files
/// (tests/oracle-data/sectionconfig: the inputs and the oracle's verdicts; tests/oracles/pve-sectionconfig: the
/// scripts that regenerate them). Each file must agree line by line: the lines PVE warns about and the class of each
/// warning, the sections it drops as broken, and the sections and keys it keeps. Known disagreements are listed,
/// each with its reason, in known-disagreements.txt; a listed file that now agrees fails too, so the list only shrinks.
/// </summary>
public class HaSectionConfigOracleTests(ITestOutputHelper output)
{
    private static string DataDir => Path.Combine(TestPaths.RepoRoot, "tests", "oracle-data", "sectionconfig");

    [Fact]
    public void Pvelint_reads_every_generated_ha_file_line_by_line_as_pves_parser_does()
    {
        var verdicts = File.ReadLines(Path.Combine(DataDir, "verdicts.jsonl"))
            .Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.True(verdicts.Count >= 800, $"only {verdicts.Count} oracle verdicts");
        var known = KnownDisagreements();

        var disagreeing = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var verdict in verdicts)
        {
            var name = (string)verdict["file"]!;
            var bytes = File.ReadAllBytes(Path.Combine(DataDir, "inputs", name));
            var differences = SectionConfigVerdict.FromPvelint((string)verdict["kind"]!, bytes)
                .DifferencesFrom(SectionConfigVerdict.FromOracle(verdict));
            if (differences.Count > 0) disagreeing[name] = differences;
        }

        var agreeing = verdicts.Count - disagreeing.Count;
        output.WriteLine($"pvelint agrees with PVE's HA parser on every line of {agreeing}/{verdicts.Count} files ({100.0 * agreeing / verdicts.Count:F1} %).");
        var unexpected = disagreeing.Where(d => !known.ContainsKey(d.Key)).ToList();
        foreach (var (name, differences) in unexpected.Take(40))
            output.WriteLine($"{name}:\n  {string.Join("\n  ", differences)}");
        var stale = known.Keys.Where(k => !disagreeing.ContainsKey(k)).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} files disagree with PVE's parser and are not in known-disagreements.txt, first: {unexpected.FirstOrDefault().Key}");
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
