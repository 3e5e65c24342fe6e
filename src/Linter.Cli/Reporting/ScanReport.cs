using System.Collections.Immutable;
using PveLint.Cli.Scanning;
using PveLint.Diagnostics;
using PveLint.Rules.Engine;

namespace PveLint.Cli.Reporting;

/// <summary>
/// Everything a reporter may show about one <c>scan</c> invocation: the scanned clusters with their findings,
/// the rule catalogue, the repository root that display paths are relative to, and the fail level.
/// </summary>
public sealed record ScanReport(
    ImmutableArray<ClusterScan> Clusters,
    string RepoRoot,
    ImmutableArray<RuleMetadata> Catalogue,
    Severity? FailOn,
    string ToolVersion)
{
    public const string ToolName = "pvelint";
    public const string InformationUri = "https://github.com/pvelint/pvelint";

    /// <summary><c>--sarif-category</c>: the SARIF run's category (automationDetails.id); null = derived from the scanned paths.</summary>
    public string? SarifCategory { get; init; }

    /// <summary>Every finding with the cluster it belongs to, in report order.</summary>
    public IEnumerable<(ClusterScan Cluster, Finding Finding)> Findings =>
        Clusters.SelectMany(c => c.Result.Findings.Select(f => (c, f)));

    public int Count(Severity severity) => Clusters.Sum(c => c.Result.Count(severity));

    public int Suppressed => Clusters.Sum(c => c.Result.Suppressed);

    public int Baselined => Clusters.Sum(c => c.Result.Baselined);

    /// <summary>Findings the limits left out (each cut is also a summary finding).</summary>
    public int Omitted => Clusters.Sum(c => c.Result.Omitted);

    public int FileCount => Clusters.Sum(c => c.Source.Tree.Files.Count());

    /// <summary>True when a finding is at or above <see cref="FailOn"/> (exit code 1).</summary>
    public bool Failed => FailOn is { } level && Findings.Any(x => x.Finding.Severity >= level);

    /// <summary>"2 errors, 1 warning, 0 info in 1 cluster (7 files); 1 suppressed" — shared by the text-like reporters.</summary>
    public string SummarySentence()
    {
        var scope = $"in {Plural(Clusters.Length, "cluster")} ({Plural(FileCount, "file")})";
        var counts = Findings.Any()
            ? $"{Plural(Count(Severity.Error), "error")}, {Plural(Count(Severity.Warning), "warning")}, {Count(Severity.Info)} info {scope}"
            : $"no findings {scope}";
        var silenced = new List<string>();
        if (Suppressed > 0) silenced.Add($"{Suppressed} suppressed");
        if (Baselined > 0) silenced.Add($"{Baselined} baselined");
        if (Omitted > 0) silenced.Add($"{Omitted} not shown (over the limits)");
        return counts + (silenced.Count > 0 ? "; " + string.Join(", ", silenced) : "") + ".";
    }

    /// <summary>How many findings each rule reported, most first (then by id), with the highest severity among them.</summary>
    public IReadOnlyList<(RuleMetadata Rule, int Count, Severity Highest)> CountsByRule() =>
        Findings.GroupBy(x => x.Finding.RuleId)
            .Select(g => (g.First().Finding.Rule, g.Count(), g.Max(x => x.Finding.Severity)))
            .OrderByDescending(x => x.Item2).ThenBy(x => x.Rule.Id, StringComparer.Ordinal)
            .ToList();

    public static string Plural(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
