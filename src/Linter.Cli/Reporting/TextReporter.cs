using System.Globalization;
using PveLint.Cli.Scanning;
using PveLint.Rules.Engine;
using PveLint.Text;

namespace PveLint.Cli.Reporting;

/// <summary>
/// Compiler-style lines that editors and MSBuild understand:
/// <c>etc/pve/ha/rules.cfg(12,2): error PVE2003: message [negative-affinity-exceeds-nodes]</c>, related
/// locations indented below as <c>  path(line,col): related: text</c>, then the count of findings per rule and one
/// summary line. Paths, messages and source lines come from the input, so each is made printable: every finding
/// is exactly one line, whatever the names hold. <see cref="TextStyle"/> adds colour and source snippets.
/// </summary>
public sealed class TextReporter(TextStyle style) : IReporter
{
    public TextReporter() : this(TextStyle.Plain)
    {
    }

    public void Write(ScanReport report, TextWriter output)
    {
        // Per cluster by reference: a ClusterScan is a record, and hashing its model would cost more than the report.
        var sources = new Dictionary<ClusterScan, Dictionary<string, SourceFile?>>(ReferenceEqualityComparer.Instance);
        foreach (var (cluster, finding) in report.Findings)
        {
            var location = FindingLocations.Primary(finding, cluster);
            var severity = style.Paint(SeverityNames.Text(finding.Severity), Ansi.SeverityCode(finding.Severity));
            output.WriteLine($"{style.Paint(Prefix(location), Ansi.Bold)}: {severity} {finding.RuleId}: {PrintableText.Escape(finding.Message)} {style.Paint($"[{finding.Rule.Name}]", Ansi.Dim)}");
            if (style.Snippets && finding.Span is { } span && Source(sources, cluster, span.Path) is { } file && SourceSnippet.For(file, span) is { } snippet)
            {
                output.WriteLine(snippet.Source);
                output.WriteLine(snippet.CaretIndent + style.Paint(snippet.Carets, Ansi.SeverityCode(finding.Severity)));
            }
            foreach (var related in finding.Related)
                output.WriteLine($"  {PrintableText.Escape(cluster.Source.DisplayPathOf(related.Span.Path))}({related.Span.Line},{related.Span.Column}): {style.Paint("related:", Ansi.Dim)} {PrintableText.Escape(related.Message)}");
        }
        WriteCountsByRule(report, output);
        output.WriteLine(style.Paint($"pvelint: {report.SummarySentence()}", Ansi.Bold));
    }

    /// <summary>"    3  PVE0008  unresolved-reference" per rule, most frequent first.</summary>
    private void WriteCountsByRule(ScanReport report, TextWriter output)
    {
        var counts = report.CountsByRule();
        if (counts.Count == 0) return;
        var width = counts.Max(c => c.Rule.Id.Length);
        foreach (var (rule, count, highest) in counts)
            output.WriteLine($"{count.ToString(CultureInfo.InvariantCulture),5}  {style.Paint(rule.Id.PadRight(width), Ansi.SeverityCode(highest))}  {rule.Name}");
    }

    private static SourceFile? Source(Dictionary<ClusterScan, Dictionary<string, SourceFile?>> cache, ClusterScan cluster, string path)
    {
        if (!cache.TryGetValue(cluster, out var files)) cache[cluster] = files = new Dictionary<string, SourceFile?>(StringComparer.Ordinal);
        if (!files.TryGetValue(path, out var file))
            files[path] = file = cluster.Source.Tree.Get(path) is { } config ? new SourceFile(config.Path, config.Text) : null;
        return file;
    }

    private static string Prefix(ReportedLocation? location) => location switch
    {
        null => "pvelint",
        { Span: { } span } => $"{PrintableText.Escape(location.DisplayPath)}({span.Line},{span.Column})",
        _ => PrintableText.Escape(location.DisplayPath),
    };
}
