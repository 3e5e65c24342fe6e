using System.Text;
using PveLint.Cli.Sources;
using PveLint.Diagnostics;
using PveLint.Model;

namespace PveLint.Cli.Reporting;

/// <summary>
/// A job summary for <c>$GITHUB_STEP_SUMMARY</c>: counts, the scanned sources and a findings table.
/// (The failure-scenario table and the Mermaid topology diagram arrive with the simulation.)
/// </summary>
public sealed class MarkdownReporter : IReporter
{
    public void Write(ScanReport report, TextWriter output)
    {
        var md = new StringBuilder();
        md.Append("## pvelint\n\n");
        md.Append($"| errors | warnings | info | suppressed | baselined |\n|---:|---:|---:|---:|---:|\n");
        md.Append($"| {report.Count(Severity.Error)} | {report.Count(Severity.Warning)} | {report.Count(Severity.Info)} | {report.Suppressed} | {report.Baselined} |\n\n");
        foreach (var cluster in report.Clusters)
        {
            var kind = cluster.Source.Kind switch { SourceKind.Directory => "directory", SourceKind.TarArchive => "archive", _ => "config.db" };
            md.Append($"Scanned {MarkdownText.Code(cluster.Source.DisplayName)} ({kind}, {ScanReport.Plural(cluster.Source.Tree.Files.Count(), "file")}, target {TargetReleases.Name(cluster.Model.Target)}).\n");
        }
        md.Append('\n');

        if (!report.Findings.Any())
        {
            md.Append("No findings.\n");
        }
        else
        {
            md.Append("| severity | rule | location | message |\n|---|---|---|---|\n");
            foreach (var (cluster, finding) in report.Findings)
            {
                var location = FindingLocations.Primary(finding, cluster) switch
                {
                    null => "",
                    { Span: { } s } l => $"{MarkdownText.Code(l.DisplayPath)} {s.Line}:{s.Column}",
                    var l => MarkdownText.Code(l.DisplayPath),
                };
                md.Append($"| {SeverityNames.Text(finding.Severity)} | [{finding.RuleId}]({finding.Rule.HelpUri}) {MarkdownText.Inline(finding.Rule.Name)} | {location} | {MarkdownText.Inline(finding.Message)} |\n");
            }
        }
        output.Write(md.ToString());
    }
}
