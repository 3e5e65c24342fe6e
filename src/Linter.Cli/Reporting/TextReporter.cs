using PveLint.Text;

namespace PveLint.Cli.Reporting;

/// <summary>
/// Compiler-style lines that editors and MSBuild understand:
/// <c>etc/pve/ha/rules.cfg(12,2): error PVE2003: message [negative-affinity-exceeds-nodes]</c>, related
/// locations indented below as <c>  path(line,col): related: text</c>, then one summary line. Paths and messages
/// come from the input, so each is made printable: every finding is exactly one line, whatever the names hold.
/// </summary>
public sealed class TextReporter : IReporter
{
    public void Write(ScanReport report, TextWriter output)
    {
        foreach (var (cluster, finding) in report.Findings)
        {
            var location = FindingLocations.Primary(finding, cluster);
            output.WriteLine($"{Prefix(location)}: {SeverityNames.Text(finding.Severity)} {finding.RuleId}: {PrintableText.Escape(finding.Message)} [{finding.Rule.Name}]");
            foreach (var related in finding.Related)
                output.WriteLine($"  {PrintableText.Escape(cluster.Source.DisplayPathOf(related.Span.Path))}({related.Span.Line},{related.Span.Column}): related: {PrintableText.Escape(related.Message)}");
        }
        output.WriteLine($"pvelint: {report.SummarySentence()}");
    }

    private static string Prefix(ReportedLocation? location) => location switch
    {
        null => "pvelint",
        { Span: { } span } => $"{PrintableText.Escape(location.DisplayPath)}({span.Line},{span.Column})",
        _ => PrintableText.Escape(location.DisplayPath),
    };
}
