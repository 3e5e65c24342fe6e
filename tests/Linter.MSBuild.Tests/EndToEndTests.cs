using System.Text.Json;
using System.Text.RegularExpressions;

namespace Linter.MSBuild.Tests;

/// <summary>
/// `dotnet build` of examples/config-repo with the packed analyzer, exactly as a team would run it: the build
/// fails on the deliberate mistakes, severities follow pvelint.globalconfig, suppressions work, the ErrorLog SARIF
/// matches `pvelint scan --format sarif`, and a broken package fails the build instead of passing silently.
/// </summary>
[Trait("Category", "EndToEnd")]
public class EndToEndTests(PackageFeedFixture feed) : IClassFixture<PackageFeedFixture>
{
    /// <summary>The deliberate mistakes of examples/config-repo, as the compiler prints them.</summary>
    public static readonly string[] ExpectedDiagnostics =
    [
        // dns1/dns2 look redundant, and their negative rule is dropped by the HA core (PVE2005 below)
        "etc/pve/ha/resources.cfg(1,1): warning PVE2009",
        // the inline comment makes PVE drop max_restart: one finding, raised to an error (the PVE0003 is its related location)
        "etc/pve/ha/resources.cfg(7,16): error PVE0009",
        // a warning by default; the example's pvelint.globalconfig makes it an error
        "etc/pve/ha/resources.cfg(11,2): error PVE0004",
        "etc/pve/ha/rules.cfg(11,9): error PVE0003",
        "etc/pve/ha/rules.cfg(1,1): error PVE2005",
        // the swallowed header; the keys it drags into 'keep-dns-apart' (PVE0002, PVE0004) are its related locations
        "etc/pve/ha/rules.cfg(4,1): error PVE0006",
        "etc/pve/ha/rules.cfg(8,1): error PVE2005",
        "etc/pve/storage.cfg(4,2): warning PVE0002",
    ];

    /// <summary>Info findings on the example: in SARIF, not in the build log (a 3-node cluster cannot lose two nodes).</summary>
    private static readonly string[] ExpectedInfoFindings = ["PVE6008 etc/pve/corosync.conf:30"];

    private static readonly Regex DiagnosticLine = new(
        @"^(?<path>/.+?)\((?<line>\d+),(?<col>\d+)(?:,\d+,\d+)?\): (?<severity>error|warning|info) (?<id>[A-Z]+[0-9]+):",
        RegexOptions.Multiline);

    private static string[] Diagnostics(string output, string root) =>
        DiagnosticLine.Matches(output)
            .Select(m => $"{Path.GetRelativePath(root, m.Groups["path"].Value).Replace('\\', '/')}({m.Groups["line"].Value},{m.Groups["col"].Value}): {m.Groups["severity"].Value} {m.Groups["id"].Value}")
            .Distinct().Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_package_carries_its_readme_and_the_analyzer_beside_its_dependencies()
    {
        using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed.Feed, $"PveLint.MSBuild.{PackageFeedFixture.Version}.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("PACKAGE.md", entries);
        Assert.Contains("analyzers/dotnet/cs/PveLint.MSBuild.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Pidgin.dll", entries);
        using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        Assert.Contains("<readme>PACKAGE.md</readme>", nuspec.ReadToEnd());
    }

    [Fact]
    public void Build_fails_on_the_deliberate_mistakes_and_reports_nothing_else()
    {
        var repo = feed.CopyExample("plain");
        var result = feed.Build(repo);

        Assert.True(result.ExitCode != 0, "the build should fail:\n" + result.Output);
        Assert.Equal(ExpectedDiagnostics.Order(StringComparer.Ordinal).ToArray(), Diagnostics(result.Output, repo));
        Assert.Contains("Build FAILED", result.Output);
    }

    [Fact]
    public void Global_config_changes_exactly_the_severities_it_names()
    {
        var repo = feed.CopyExample("globalconfig");
        File.AppendAllText(Path.Combine(repo, "pvelint.globalconfig"),
            "dotnet_diagnostic.PVE0002.severity = none\ndotnet_diagnostic.PVE0009.severity = error\n");
        var result = feed.Build(repo);

        Assert.Equal(
            ExpectedDiagnostics.Where(d => !d.EndsWith("PVE0002", StringComparison.Ordinal))
                .Select(d => d.EndsWith("PVE0009", StringComparison.Ordinal) ? d.Replace("warning", "error") : d).Order(StringComparer.Ordinal).ToArray(),
            Diagnostics(result.Output, repo));
    }

    [Fact]
    public void A_suppression_comment_silences_its_finding()
    {
        var repo = feed.CopyExample("suppressed");
        var storage = Path.Combine(repo, "etc/pve/storage.cfg");
        File.WriteAllText(storage, File.ReadAllText(storage).Replace("\tmaxfiles 3\n", "\t# pvelint-disable-next-line PVE0002 -- removed on the 9.1 upgrade window\n\tmaxfiles 3\n"));
        var result = feed.Build(repo);

        Assert.Equal(ExpectedDiagnostics.Where(d => !d.StartsWith("etc/pve/storage.cfg", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray(), Diagnostics(result.Output, repo));
    }

    [Fact]
    public void ErrorLog_sarif_has_the_same_results_as_pvelint_scan()
    {
        var repo = feed.CopyExample("sarif");
        var sarif = Path.Combine(repo, "build.sarif");
        feed.Build(repo, "-p:ErrorLog=build.sarif%2Cversion=2.1");
        Assert.True(File.Exists(sarif), "the compiler wrote no SARIF");

        var cliSarif = Path.Combine(repo, "cli.sarif");
        using var output = new StringWriter();
        using var error = new StringWriter();
        PveLint.Cli.Cli.Run(["scan", repo, "--format", "sarif", "--output", cliSarif, "--repo-root", repo, "--fail-on", "none"], output, error);

        var fromBuild = Results(sarif, repo);
        // The log also carries info findings, which the build output does not print.
        Assert.Equal(ExpectedDiagnostics.Length + ExpectedInfoFindings.Length, fromBuild.Length);
        Assert.All(ExpectedInfoFindings, info => Assert.Contains(info, fromBuild));
        Assert.Equal(Results(cliSarif, repo), fromBuild);

        // The compiler's log describes each rule from the analyzer's descriptors: help link, description, category.
        using var log = System.Text.Json.JsonDocument.Parse(File.ReadAllText(sarif));
        var rule = log.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")
            .EnumerateArray().Single(r => r.GetProperty("id").GetString() == "PVE0006");
        Assert.EndsWith("rules-docs/PVE0006.md", rule.GetProperty("helpUri").GetString());
        Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("fullDescription").GetProperty("text").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("properties").GetProperty("category").GetString()));
    }

    [Fact]
    public void A_clean_repository_without_optional_files_builds_green()
    {
        var repo = feed.CopyExample("clean");
        // No .pvelint.yaml, no etc/default/pve-ha-manager, no hosts/: only a well-formed corosync.conf.
        File.Delete(Path.Combine(repo, ".pvelint.yaml"));
        Directory.Delete(Path.Combine(repo, "hosts"), recursive: true);
        Directory.Delete(Path.Combine(repo, "etc", "pve"), recursive: true);
        Directory.CreateDirectory(Path.Combine(repo, "etc", "pve"));
        File.WriteAllText(Path.Combine(repo, "etc", "pve", "corosync.conf"), CleanCorosync);
        var result = feed.Build(repo);

        Assert.True(result.ExitCode == 0, "the build should pass:\n" + result.Output);
        Assert.DoesNotMatch(@"\berror\b [A-Z]+[0-9]+", result.Output);
        Assert.DoesNotContain("CS2001", result.Output);
    }

    private const string CleanCorosync = """
        logging {
          debug: off
          to_syslog: yes
        }

        nodelist {
          node {
            name: pve1
            nodeid: 1
            quorum_votes: 1
            ring0_addr: 10.0.0.1
            ring1_addr: 10.1.0.1
          }
          node {
            name: pve2
            nodeid: 2
            quorum_votes: 1
            ring0_addr: 10.0.0.2
            ring1_addr: 10.1.0.2
          }
          node {
            name: pve3
            nodeid: 3
            quorum_votes: 1
            ring0_addr: 10.0.0.3
            ring1_addr: 10.1.0.3
          }
        }

        quorum {
          provider: corosync_votequorum
        }

        totem {
          cluster_name: clean
          config_version: 3
          interface {
            linknumber: 0
          }
          interface {
            linknumber: 1
          }
          ip_version: ipv4-6
          link_mode: passive
          secauth: on
          version: 2
        }

        """;

    [Fact]
    public void A_package_missing_a_dependency_dll_fails_the_build()
    {
        var repo = feed.CopyExample("nodeps", PackageFeedFixture.NoDepsVersion);
        var result = feed.Build(repo);

        Assert.True(result.ExitCode != 0, result.Output);
        Assert.DoesNotContain("error NU", result.Output);
        Assert.Matches(@"error (AD0001|CS8032|PVE9000)", result.Output);
        Assert.Contains("Pidgin", result.Output);
    }

    [Fact]
    public void An_analyzer_built_for_a_newer_compiler_fails_the_build()
    {
        var repo = feed.CopyExample("roslyn", PackageFeedFixture.NewRoslynVersion);
        var result = feed.Build(repo);

        Assert.True(result.ExitCode != 0, result.Output);
        Assert.DoesNotContain("error NU", result.Output);
        Assert.Contains("error CS9057", result.Output);
        Assert.Contains("5.12.0", result.Output);
    }

    /// <summary>(rule id, repo-relative path, line) of every PVE result, from a compiler or pvelint SARIF file.</summary>
    private static string[] Results(string sarifPath, string repo)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(sarifPath));
        var results = new List<string>();
        foreach (var run in doc.RootElement.GetProperty("runs").EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var list)) continue;
            foreach (var r in list.EnumerateArray())
            {
                var id = r.GetProperty("ruleId").GetString()!;
                if (!id.StartsWith("PVE", StringComparison.Ordinal)) continue;
                var physical = r.GetProperty("locations")[0].GetProperty("physicalLocation");
                var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
                var path = uri.StartsWith("file://", StringComparison.Ordinal) ? Path.GetRelativePath(repo, new Uri(uri).LocalPath).Replace('\\', '/') : uri;
                results.Add($"{id} {path}:{physical.GetProperty("region").GetProperty("startLine").GetInt32()}");
            }
        }
        return results.Order(StringComparer.Ordinal).ToArray();
    }
}
