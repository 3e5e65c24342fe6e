using System.Text.Encodings.Web;
using System.Text.Json;
using PveLint.Cli.Scanning;
using PveLint.Cli.Sources;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Text;

namespace PveLint.Cli.Reporting;

/// <summary>
/// Machine-readable findings with stable field names (documented in INTERFACE.md terms):
/// <c>{ version, tool{name,version}, clusters[{path,kind,target,files,simulation}], findings[{id,name,severity,
/// message,path,line,column,endLine,endColumn,fingerprint,subjects[],related[{path,line,column,endLine,endColumn,
/// message}],fix?}], summary{errors,warnings,infos,suppressed,baselined,omitted,failOn,failed} }</c> (README,
/// "JSON"). A finding without a span has <c>line</c>..<c>endColumn</c> null and <c>path</c> set to the most relevant
/// file (or null). <c>fingerprint</c> is the SARIF partial fingerprint and the baseline key: stable across line moves.
/// <c>simulation</c> is the scenario table of <c>pvelint simulate --format json</c>, or null with <c>--no-simulate</c>.
/// </summary>
public sealed class JsonReporter : IReporter
{
    public const int FormatVersion = 1;

    public void Write(ScanReport report, TextWriter output)
    {
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            json.WriteStartObject("tool");
            json.WriteString("name", ScanReport.ToolName);
            json.WriteString("version", report.ToolVersion);
            json.WriteEndObject();

            json.WriteStartArray("clusters");
            foreach (var cluster in report.Clusters)
            {
                json.WriteStartObject();
                json.WriteString("path", cluster.Source.DisplayName);
                json.WriteString("kind", cluster.Source.Kind switch
                {
                    SourceKind.Directory => "directory",
                    SourceKind.TarArchive => "archive",
                    _ => "config.db",
                });
                json.WriteString("target", TargetReleases.Name(cluster.Model.Target));
                json.WriteNumber("files", cluster.Source.Tree.Files.Count());
                if (PveLint.Simulation.Simulator.IfComputed(cluster.Model) is { } simulation)
                {
                    json.WriteStartObject("simulation");
                    Simulation.SimulationJsonReporter.WriteRun(json, simulation.Prepare());
                    json.WriteEndObject();
                }
                else json.WriteNull("simulation");
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("findings");
            foreach (var cluster in report.Clusters)
            {
                var subjects = new SubjectIndex(cluster.Model);
                foreach (var finding in cluster.Result.Findings)
                {
                    WriteFinding(json, cluster, finding, subjects);
                    JsonOutput.FlushIfFull(json);
                }
            }
            json.WriteEndArray();

            json.WriteStartObject("summary");
            json.WriteNumber("errors", report.Count(Diagnostics.Severity.Error));
            json.WriteNumber("warnings", report.Count(Diagnostics.Severity.Warning));
            json.WriteNumber("infos", report.Count(Diagnostics.Severity.Info));
            json.WriteNumber("suppressed", report.Suppressed);
            json.WriteNumber("baselined", report.Baselined);
            json.WriteNumber("omitted", report.Omitted);
            json.WriteString("failOn", report.FailOn is { } level ? SeverityNames.Text(level) : "none");
            json.WriteBoolean("failed", report.Failed);
            json.WriteEndObject();
            json.WriteEndObject();
        }, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        output.Write('\n');
    }

    private static void WriteFinding(Utf8JsonWriter json, ClusterScan cluster, Finding finding, SubjectIndex subjects)
    {
        json.WriteStartObject();
        json.WriteString("id", finding.RuleId);
        json.WriteString("name", finding.Rule.Name);
        json.WriteString("severity", SeverityNames.Text(finding.Severity));
        json.WriteString("message", finding.Message);
        var location = FindingLocations.Primary(finding, cluster);
        if (location is null) json.WriteNull("path");
        else json.WriteString("path", location.DisplayPath);
        WriteRange(json, location?.Span);
        json.WriteString("fingerprint", Baseline.Fingerprint(finding, cluster.Model));
        json.WriteStartArray("subjects");
        // The names a suppressions: entry would use for it (vm:101, an HA rule id, a node, a pool).
        foreach (var subject in subjects.Of(finding).Distinct(StringComparer.Ordinal)) json.WriteStringValue(subject);
        json.WriteEndArray();
        json.WriteStartArray("related");
        foreach (var related in finding.Related) WriteSpanned(json, cluster, related.Span, "message", related.Message);
        json.WriteEndArray();
        if (finding.Fix is { } fix)
        {
            json.WriteStartObject("fix");
            json.WriteString("description", fix.Description);
            json.WriteStartArray("edits");
            foreach (var edit in fix.Edits) WriteSpanned(json, cluster, edit.Span, "newText", edit.NewText);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>A related location or a fix edit: <c>{path, line, column, endLine, endColumn, &lt;textName&gt;}</c>.</summary>
    private static void WriteSpanned(Utf8JsonWriter json, ClusterScan cluster, SourceSpan span, string textName, string text)
    {
        json.WriteStartObject();
        json.WriteString("path", cluster.Source.DisplayPathOf(span.Path));
        WriteRange(json, span);
        json.WriteString(textName, text);
        json.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter json, SourceSpan? span)
    {
        if (span is { } s)
        {
            json.WriteNumber("line", s.Line);
            json.WriteNumber("column", s.Column);
            json.WriteNumber("endLine", s.EndLine);
            json.WriteNumber("endColumn", s.EndColumn);
        }
        else
        {
            json.WriteNull("line");
            json.WriteNull("column");
            json.WriteNull("endLine");
            json.WriteNull("endColumn");
        }
    }
}
