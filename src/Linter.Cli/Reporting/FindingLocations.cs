using PveLint.Cli.Scanning;
using PveLint.Cli.Sources;
using PveLint.Rules.Engine;
using PveLint.Text;

namespace PveLint.Cli.Reporting;

/// <summary>Where a finding is shown: a display path and, when the finding has one, its span.</summary>
public sealed record ReportedLocation(string DisplayPath, SourceSpan? Span, bool IsScannedSource = false);

/// <summary>
/// Resolves the location every reporter shows for a finding. A finding with a span is shown at it. A finding
/// without one (a missing QDevice, a refused archive entry, an unused baseline entry) is shown on the most
/// relevant file of its rule's area that the scan has (corosync.conf for quorum rules, .pvelint.yaml for
/// topology and linter-config rules ...), else on the scanned archive or database itself, else nowhere.
/// </summary>
public static class FindingLocations
{
    private static readonly IReadOnlyDictionary<RuleCategory, string[]> RelevantFiles = new Dictionary<RuleCategory, string[]>
    {
        [RuleCategory.Input] = [],
        [RuleCategory.Corosync] = ["etc/pve/corosync.conf"],
        [RuleCategory.HighAvailability] = ["etc/pve/ha/rules.cfg", "etc/pve/ha/resources.cfg", "etc/pve/ha/groups.cfg", "etc/pve/datacenter.cfg"],
        [RuleCategory.Ceph] = ["etc/pve/ceph.conf"],
        [RuleCategory.Fencing] = ["etc/default/pve-ha-manager", "etc/pve/ha/resources.cfg", "etc/pve/corosync.conf"],
        [RuleCategory.Replication] = ["etc/pve/replication.cfg"],
        [RuleCategory.Resilience] = [ScanRootLayout.LinterConfigName, "etc/pve/corosync.conf"],
        [RuleCategory.LinterConfig] = [ScanRootLayout.LinterConfigName],
    };

    public static ReportedLocation? Primary(Finding finding, ClusterScan cluster)
    {
        if (finding.Span is { } span) return new ReportedLocation(cluster.Source.DisplayPathOf(span.Path), span);
        var tree = cluster.Source.Tree;
        var candidates = RelevantFiles.TryGetValue(finding.Rule.Category, out var files) ? files : [];
        foreach (var path in candidates)
            if (tree.Get(path) is { } file) return new ReportedLocation(file.DisplayPath, null);
        if (finding.Rule.Category == RuleCategory.Ceph && tree.Under("ceph/").FirstOrDefault() is { } dump)
            return new ReportedLocation(dump.DisplayPath, null);
        if (cluster.Source.Kind != SourceKind.Directory)
            return new ReportedLocation(cluster.Source.DisplayName, null, IsScannedSource: true);
        if (tree.Get(ScanRootLayout.LinterConfigName) is { } config) return new ReportedLocation(config.DisplayPath, null);
        return null;
    }
}
