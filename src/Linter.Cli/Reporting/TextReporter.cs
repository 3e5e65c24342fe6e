namespace PveLint.Cli.Reporting;

/// <summary>
/// Compiler-style lines that editors and MSBuild understand:
/// <c>etc/pve/ha/rules.cfg(12,2): error PVE2003: message [negative-affinity-exceeds-nodes]</c>, related
/// locations indented below as <c>  path(line,col): related: text</c>, then one summary line.
/// </summary>
public sealed class TextReporter : IReporter
{
    public void Write(ScanReport report, TextWriter output)
    {
        foreach (var (cluster, finding) in report.Findings)
        {
            var location = FindingLocations.Primary(finding, cluster);
            output.WriteLine($"{Prefix(location)}: {SeverityNames.Text(finding.Severity)} {finding.RuleId}: {OneLine(finding.Message)} [{finding.Rule.Name}]");
            foreach (var related in finding.Related)
                output.WriteLine($"  {cluster.Source.DisplayPathOf(related.Span.Path)}({related.Span.Line},{related.Span.Column}): related: {OneLine(related.Message)}");
        }
        output.WriteLine($"pvelint: {report.SummarySentence()}");
    }

    private static string Prefix(ReportedLocation? location) => location switch
    {
        null => "pvelint",
        { Span: { } span } => $"{location.DisplayPath}({span.Line},{span.Column})",
        _ => location.DisplayPath,
    };

    /// <summary>One finding is one line: a line break inside a message would break every consumer of the format.</summary>
    internal static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
