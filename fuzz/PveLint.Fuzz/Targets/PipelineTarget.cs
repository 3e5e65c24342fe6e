using System.Collections.Immutable;
using System.Text.Json;
using PveLint.Binding;
using PveLint.Cli.Reporting;
using PveLint.Cli.Scanning;
using PveLint.Cli.Sources;
using PveLint.Diagnostics;
using PveLint.Fuzz.Oracles;
using PveLint.Rules.Engine;
using PveLint.Sources;

namespace PveLint.Fuzz.Targets;

/// <summary>
/// The whole pipeline on a cluster written as <see cref="ClusterText"/>: bind (every reader, site derivation, name
/// resolution), lint with every rule, and write every report format. Oracles: no exception; every diagnostic and
/// finding span inside a parsed file; JSON and SARIF output that parses; and a baseline written from the findings
/// absorbs all of them on a second run (what <c>--write-baseline</c> promises).
/// </summary>
internal static class PipelineTarget
{
    public static FuzzTarget Target { get; } = new("pipeline", "a whole scan root: bind + lint + every reporter", Run);

    private static void Run(byte[] input)
    {
        var tree = ConfigTree.FromTexts(ClusterText.Split(FuzzInput.Text(input)));
        var model = ClusterBinder.Bind(tree);
        SpanOracle.CheckDiagnostics(model.Diagnostics, model.Files);

        var result = LintEngine.Run(model, null, RuleRegistry.All);
        foreach (var finding in result.Findings)
        {
            if (finding.Span is { } span) SpanOracle.Check(span, model.Files, finding.RuleId, finding.Message);
            foreach (var related in finding.Related.IsDefault ? [] : finding.Related) SpanOracle.Check(related.Span, model.Files, finding.RuleId, related.Message);
        }

        var baseline = Baseline.Parse(Baseline.FromFindings(result.Findings, model).Serialize());
        var again = LintEngine.Run(model, baseline, RuleRegistry.All);
        if (again.Findings.Length > 0)
            throw new OracleViolation($"a baseline of all {result.Findings.Length} findings left {again.Findings.Length}, first {again.Findings[0].RuleId}: {again.Findings[0].Message}");

        var source = new LoadedSource(SourceKind.Directory, "/fuzz/cluster", "cluster", tree,
            tree.Files.ToDictionary(f => f.Path, f => f.DisplayPath, StringComparer.Ordinal), []);
        var report = new ScanReport([new ClusterScan(source, model, result)], "/fuzz",
            RuleRegistry.All.Select(r => r.Metadata).ToImmutableArray(), Severity.Error, "0.0.0-fuzz");
        foreach (var format in Enum.GetValues<ReportFormat>())
        {
            var output = new StringWriter { NewLine = "\n" };
            ReportFormats.Reporter(format).Write(report, output);
            if (format is ReportFormat.Json or ReportFormat.Sarif) CheckJson(format, output.ToString());
        }
    }

    private static void CheckJson(ReportFormat format, string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new OracleViolation($"the {ReportFormats.Name(format)} report is not valid JSON: {e.Message}");
        }
    }
}
