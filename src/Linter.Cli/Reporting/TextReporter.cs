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
        // Written piece by piece: a large cluster's report is megabytes, and each line built as a string first was
        // the report made twice.
        foreach (var (cluster, finding) in report.Findings)
        {
            var location = FindingLocations.Primary(finding, cluster);
            style.BeginPaint(output, Ansi.Bold);
            WritePrefix(output, location);
            style.EndPaint(output);
            output.Write(": ");
            style.BeginPaint(output, Ansi.SeverityCode(finding.Severity));
            output.Write(SeverityNames.Text(finding.Severity));
            style.EndPaint(output);
            output.Write(' ');
            output.Write(finding.RuleId);
            output.Write(": ");
            output.Write(PrintableText.Escape(finding.Message));
            output.Write(' ');
            style.BeginPaint(output, Ansi.Dim);
            output.Write('[');
            output.Write(finding.Rule.Name);
            output.Write(']');
            style.EndPaint(output);
            output.WriteLine();
            if (style.Snippets && finding.Span is { } span && Source(sources, cluster, span.Path) is { } file && SourceSnippet.For(file, span) is { } snippet)
            {
                output.WriteLine(snippet.Source);
                output.WriteLine(snippet.CaretIndent + style.Paint(snippet.Carets, Ansi.SeverityCode(finding.Severity)));
            }
            foreach (var related in finding.Related)
            {
                output.Write("  ");
                output.Write(PrintableText.Escape(cluster.Source.DisplayPathOf(related.Span.Path)));
                WritePosition(output, related.Span);
                output.Write(": ");
                style.BeginPaint(output, Ansi.Dim);
                output.Write("related:");
                style.EndPaint(output);
                output.Write(' ');
                output.Write(PrintableText.Escape(related.Message));
                output.WriteLine();
            }
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

    /// <summary><c>path(line,column)</c>, the path alone, or "pvelint" for a finding with no location.</summary>
    private static void WritePrefix(TextWriter output, ReportedLocation? location)
    {
        if (location is null)
        {
            output.Write("pvelint");
            return;
        }
        output.Write(PrintableText.Escape(location.DisplayPath));
        if (location.Span is { } span) WritePosition(output, span);
    }

    private static void WritePosition(TextWriter output, SourceSpan span)
    {
        Span<char> number = stackalloc char[11];
        output.Write('(');
        output.Write(number[..Format(number, span.Line)]);
        output.Write(',');
        output.Write(number[..Format(number, span.Column)]);
        output.Write(')');
    }

    private static int Format(Span<char> into, int value) => value.TryFormat(into, out var written, provider: CultureInfo.InvariantCulture) ? written : 0;
}
