using System.Text;
using Microsoft.CodeAnalysis.Sarif;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PveLint.Cli.Scanning;
using PveLint.Diagnostics;
using PveLint.Rules.Engine;
using PveLint.Text;
using SarifResult = Microsoft.CodeAnalysis.Sarif.Result;
using SarifLocation = Microsoft.CodeAnalysis.Sarif.Location;

namespace PveLint.Cli.Reporting;

/// <summary>
/// SARIF 2.1.0 through Sarif.Sdk, following the emitter checklist of reference/sarif-github.md §3.10: one run;
/// <c>tool.driver</c> with name, semanticVersion, informationUri and every rule of the catalogue; results with
/// ruleId + ruleIndex, their effective level, repo-relative URIs under <c>%SRCROOT%</c> (declared in
/// <c>originalUriBaseIds</c>), full regions, relatedLocations, a content fingerprint under a private key
/// (<c>pvelint/v1</c>, never <c>primaryLocationLineHash</c>), <c>automationDetails.id</c> (<c>--sarif-category</c>),
/// message text that links each related location (<c>[text](n)</c>), and
/// <c>results: []</c> when clean.
/// </summary>
public sealed class SarifReporter : IReporter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string SourceRootId = "%SRCROOT%";
    public const string FingerprintKey = "pvelint/v1";

    public void Write(ScanReport report, TextWriter output)
    {
        var catalogue = Catalogue(report);
        var ruleIndex = catalogue.Select((rule, index) => (rule.Id, index)).ToDictionary(x => x.Id, x => x.index, StringComparer.Ordinal);

        var run = new Run
        {
            Tool = new Tool
            {
                Driver = new ToolComponent
                {
                    Name = ScanReport.ToolName,
                    Version = report.ToolVersion,
                    SemanticVersion = report.ToolVersion,
                    InformationUri = new Uri(ScanReport.InformationUri),
                    Rules = catalogue.Select(Descriptor).ToList(),
                },
            },
            OriginalUriBaseIds = new Dictionary<string, ArtifactLocation>
            {
                [SourceRootId] = new() { Uri = DirectoryUri(report.RepoRoot) },
            },
            AutomationDetails = new RunAutomationDetails { Id = AutomationId(report) },
            Invocations =
            [
                new Invocation
                {
                    ExecutionSuccessful = true,
                    WorkingDirectory = new ArtifactLocation { Uri = DirectoryUri(Environment.CurrentDirectory) },
                    RuleConfigurationOverrides = Overrides(report, ruleIndex),
                },
            ],
            ColumnKind = ColumnKind.Utf16CodeUnits,
            Results = report.Findings.Select(x => Result(x.Cluster, x.Finding, ruleIndex)).ToList(),
        };
        var log = new SarifLog { SchemaUri = new Uri(SchemaUri), Version = SarifVersion.Current, Runs = [run] };

        var root = JObject.FromObject(log, JsonSerializer.Create(new JsonSerializerSettings { Formatting = Formatting.Indented }));
        EnsureExplicitLevels(root, catalogue);
        // Straight to the output: the text of 10 000 results, copied into a string and again to normalise its line
        // breaks, was most of the report's memory after the tree.
        using (var json = new JsonTextWriter(new LfTextWriter(output)) { Formatting = Formatting.Indented, CloseOutput = false })
            root.WriteTo(json);
        output.Write('\n');
    }

    /// <summary>Every rule of the run's catalogue, plus any rule a finding names that the catalogue lacks.</summary>
    private static List<RuleMetadata> Catalogue(ScanReport report)
    {
        var rules = report.Catalogue.ToList();
        foreach (var (_, finding) in report.Findings)
            if (!rules.Any(r => r.Id == finding.RuleId)) rules.Add(finding.Rule);
        return rules;
    }

    /// <summary>
    /// <c>pvelint/&lt;scanned paths&gt;/</c>: GitHub uses the text up to the last '/' as the category, so two
    /// scans of different clusters uploaded from one workflow do not replace each other.
    /// </summary>
    private static string AutomationId(ScanReport report)
    {
        if (report.SarifCategory is { } category) return category.Trim().TrimEnd('/') + "/";
        var scope = string.Join("+", report.Clusters.Select(c => c.Source.DisplayName).Where(d => d != "."));
        return scope.Length == 0 ? "pvelint/" : $"pvelint/{scope}/";
    }

    private static ReportingDescriptor Descriptor(RuleMetadata rule)
    {
        var descriptor = new ReportingDescriptor
        {
            Id = rule.Id,
            Name = PascalCase(rule.Name),
            ShortDescription = new MultiformatMessageString { Text = Limit(rule.Title) },
            FullDescription = new MultiformatMessageString { Text = Limit(rule.Rationale) },
            Help = new MultiformatMessageString
            {
                Text = $"{rule.Rationale} How to fix: {rule.HowToFix} Documentation: {rule.HelpUri}",
                Markdown = $"**{rule.Title}**\n\n{rule.Rationale}\n\n**How to fix:** {rule.HowToFix}\n\n[{rule.Id} documentation]({rule.HelpUri})",
            },
            HelpUri = new Uri(rule.HelpUri),
            DefaultConfiguration = new ReportingConfiguration { Level = Level(rule.DefaultSeverity) },
        };
        descriptor.SetProperty("tags", rule.Tags.Prepend(rule.Category.ToString().ToLowerInvariant()).Distinct().Take(20).ToList());
        descriptor.SetProperty("precision", "high");
        descriptor.SetProperty("problem.severity", rule.DefaultSeverity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "recommendation",
        });
        // Only genuinely security-relevant rules carry security-severity (a string, sarif-github.md §3.2).
        if (rule.Tags.Contains("security"))
            descriptor.SetProperty("security-severity", rule.DefaultSeverity == Severity.Error ? "8.0" : rule.DefaultSeverity == Severity.Warning ? "5.0" : "2.0");
        return descriptor;
    }

    private static SarifResult Result(ClusterScan cluster, Finding finding, IReadOnlyDictionary<string, int> ruleIndex)
    {
        var result = new SarifResult
        {
            RuleId = finding.RuleId,
            RuleIndex = ruleIndex[finding.RuleId],
            Level = Level(finding.Severity),
            Message = new Message { Text = PlainMessage(finding.Message) + RelatedLinks(finding) },
            PartialFingerprints = new Dictionary<string, string> { [FingerprintKey] = Baseline.Fingerprint(finding, cluster.Model) },
        };
        if (FindingLocations.Primary(finding, cluster) is { } primary)
            result.Locations = [Physical(primary.DisplayPath, primary.Span)];
        if (!finding.Related.IsEmpty)
            result.RelatedLocations = finding.Related.Select((related, i) =>
            {
                var location = Physical(cluster.Source.DisplayPathOf(related.Span.Path), related.Span);
                location.Id = i + 1;
                location.Message = new Message { Text = PlainMessage(related.Message) };
                return location;
            }).ToList();
        return result;
    }

    private static SarifLocation Physical(string displayPath, SourceSpan? span) => new()
    {
        PhysicalLocation = new PhysicalLocation
        {
            ArtifactLocation = new ArtifactLocation { Uri = new Uri(UriPath(displayPath), UriKind.Relative), UriBaseId = SourceRootId },
            Region = span is { } s ? new Region { StartLine = s.Line, StartColumn = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn } : null,
        },
    };

    /// <summary>Severity changes from .pvelint.yaml <c>rules:</c> (ansible-lint#3667 asks for exactly this).</summary>
    private static List<ConfigurationOverride>? Overrides(ScanReport report, IReadOnlyDictionary<string, int> ruleIndex)
    {
        var overrides = new Dictionary<string, ConfigurationOverride>(StringComparer.Ordinal);
        foreach (var cluster in report.Clusters)
            foreach (var (id, severity) in LintEngine.SeverityOverrides(cluster.Model.Config))
            {
                if (overrides.ContainsKey(id) || !ruleIndex.TryGetValue(id, out var index)) continue;
                overrides[id] = new ConfigurationOverride
                {
                    Descriptor = new ReportingDescriptorReference { Id = id, Index = index },
                    Configuration = severity is { } s ? new ReportingConfiguration { Level = Level(s) } : new ReportingConfiguration { Enabled = false },
                };
            }
        return overrides.Count == 0 ? null : overrides.Values.OrderBy(o => o.Descriptor.Index).ToList();
    }

    /// <summary>
    /// Sarif.Sdk omits a level equal to its default ("warning"); a result without a level would then inherit
    /// its rule's default, which is wrong after a severity override. Levels are written out explicitly.
    /// </summary>
    private static void EnsureExplicitLevels(JObject root, IReadOnlyList<RuleMetadata> catalogue)
    {
        var run = (JObject)root["runs"]![0]!;
        var rules = (JArray?)run["tool"]?["driver"]?["rules"] ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = (JObject)rules[i];
            if (rule["defaultConfiguration"] is JObject configuration)
                configuration["level"] = SeverityNames.Sarif(catalogue[i].DefaultSeverity);
            else
                rule.Property("helpUri")!.AddBeforeSelf(new JProperty("defaultConfiguration", new JObject { ["level"] = SeverityNames.Sarif(catalogue[i].DefaultSeverity) }));
        }
        if (run["results"] is not JArray) run["results"] = new JArray();
        foreach (var result in ((JArray)run["results"]!).Cast<JObject>())
            if (result["level"] is null) result.Property("ruleIndex")!.AddAfterSelf(new JProperty("level", "warning"));
    }

    /// <summary>
    /// Message text is plain text with embedded links (<c>[text](target)</c>, SARIF §3.11.6) that viewers such as
    /// GitHub render as links. Our messages never carry one, so where a quoted value would form one its brackets
    /// are escaped as the specification says (<c>\[</c>, <c>\]</c>); control characters are already visible.
    /// </summary>
    internal static string PlainMessage(string text)
    {
        var printable = PrintableText.Escape(text);
        return printable.Contains("](", StringComparison.Ordinal) ? printable.Replace("[", "\\[").Replace("]", "\\]") : printable;
    }

    /// <summary>
    /// " Related: [the rule it conflicts with](1), [...](2)." — embedded links (SARIF §3.11.6) to the related locations
    /// by id, so viewers such as GitHub make them clickable; empty when there are none.
    /// </summary>
    private static string RelatedLinks(Finding finding) =>
        finding.Related.IsEmpty ? "" :
            " Related: " + string.Join(", ", finding.Related.Select((r, i) => $"[{LinkText(r.Message)}]({i + 1})")) + ".";

    /// <summary>Link text may not hold an unescaped bracket (SARIF §3.11.6).</summary>
    private static string LinkText(string text) => PrintableText.Escape(text).Replace("[", "\\[").Replace("]", "\\]");

    /// <summary>An absolute file URI for a directory, ending in '/' as SARIF wants for base URIs.</summary>
    private static Uri DirectoryUri(string directory) => new(new Uri(Path.TrimEndingDirectorySeparator(directory) + "/").AbsoluteUri);

    private static FailureLevel Level(Severity severity) => severity switch
    {
        Severity.Error => FailureLevel.Error,
        Severity.Warning => FailureLevel.Warning,
        _ => FailureLevel.Note,
    };

    /// <summary>A display path as a relative URI reference: each segment percent-encoded, '/' kept.</summary>
    internal static string UriPath(string displayPath) =>
        string.Join('/', displayPath.Split('/').Select(Uri.EscapeDataString));

    /// <summary>SARIF1001 wants a friendly name distinct from the id: negative-affinity-exceeds-nodes → NegativeAffinityExceedsNodes.</summary>
    internal static string PascalCase(string kebab) =>
        string.Concat(kebab.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>GitHub limits descriptions to 1024 characters.</summary>
    private static string Limit(string text) => text.Length <= 1024 ? text : text[..1023] + "…";
}
