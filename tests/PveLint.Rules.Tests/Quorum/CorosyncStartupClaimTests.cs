using System.Text.Json;
using PveLint.Binding;
using PveLint.Rules.Engine;
using PveLint.Sources;
using PveLint.Tests;

namespace PveLint.Rules.Tests.Quorum;

/// <summary>
/// What PVE1006, PVE1007, PVE1011 and PVE1012 say corosync does (refuses to start, or starts) against the real
/// corosync 3.1.7's verdict on the same file, recorded in tests/oracles/corosync-startup/results.json.
/// </summary>
public class CorosyncStartupClaimTests
{
    private static readonly string[] Rules = ["PVE1006", "PVE1007", "PVE1011", "PVE1012"];

    private static string Folder => Path.Combine(TestPaths.RepoRoot, "tests", "oracles", "corosync-startup");

    public static TheoryData<string> Files() => new(Directory.EnumerateFiles(Folder, "*.conf").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_claim_about_corosync_matches_what_corosync_did(string file)
    {
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "results.json")));
        var oracle = results.RootElement.GetProperty("results").GetProperty(file);
        var verdict = oracle.GetProperty("verdict").GetString();
        var reasons = oracle.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();

        var tree = ConfigTree.FromTexts(new Dictionary<string, string> { ["etc/pve/corosync.conf"] = File.ReadAllText(Path.Combine(Folder, file)) });
        var findings = LintEngine.Run(ClusterBinder.Bind(tree)).Findings.Where(f => Rules.Contains(f.RuleId)).ToList();

        var refusing = findings.Where(f => f.Message.Contains("corosync refuses to start", StringComparison.Ordinal)).ToList();
        var starting = findings.Where(f => f.Message.Contains("corosync starts", StringComparison.Ordinal)
                                           || f.Message.Contains("corosync accepts", StringComparison.Ordinal)
                                           || f.Message.Contains("corosync 3 starts", StringComparison.Ordinal)).ToList();
        if (file.StartsWith("clean", StringComparison.Ordinal))
        {
            Assert.Equal("accepted", verdict);
            Assert.Empty(findings);
            return;
        }
        Assert.NotEmpty(findings);
        if (refusing.Count > 0)
        {
            Assert.Equal("refused", verdict);
            // corosync stops at its first error; one of the findings quotes it.
            var quoted = reasons.Select(r => r.Replace("parse error in config: ", "", StringComparison.Ordinal)).ToList();
            Assert.Contains(refusing, f => quoted.Any(q => f.Message.Contains(q, StringComparison.Ordinal)));
        }
        else
        {
            Assert.NotEmpty(starting);
            Assert.Equal("accepted", verdict);
        }
    }

    [Fact]
    public void The_recorded_bad_fixtures_are_the_fixtures_of_today()
    {
        foreach (var id in Rules)
            Assert.Equal(
                File.ReadAllText(Path.Combine(TestPaths.Fixtures, id, "bad", "etc", "pve", "corosync.conf")),
                File.ReadAllText(Path.Combine(Folder, id + "-bad.conf")));
    }
}
