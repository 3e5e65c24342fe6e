using System.Text;
using System.Text.Json.Nodes;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.HighAvailability;
using PveLint.SectionConfig;
using PveLint.SectionConfig.Schema;
using PveLint.Text;

namespace PveLint.Parsers.Tests.SectionConfig.Oracle;

/// <summary>
/// What one HA section-config file means to a parser, in the terms PVE's own parser can be compared on: the lines
/// it warns about with the class of the warning, the sections its check drops as broken (matched by id: PVE names
/// the line where the section ended), and the sections it keeps, in order, with their keys.
/// </summary>
internal sealed record SectionConfigVerdict(
    IReadOnlySet<(int Line, string Class)> Warnings,
    IReadOnlyList<string> Broken,
    IReadOnlyList<string> Sections)
{
    /// <summary>The oracle's verdict, one line of verdicts.jsonl.</summary>
    public static SectionConfigVerdict FromOracle(JsonObject verdict) => new(
        verdict["warnings"]!.AsArray().Select(w => ((int)w!["line"]!, (string)w["class"]!)).ToHashSet(),
        verdict["broken"]!.AsArray().Select(b => (string)b!).Order(StringComparer.Ordinal).ToList(),
        verdict["sections"]!.AsArray().Select(s => Describe((string)s!["id"]!, (bool)s["defined"]!, s["keys"]!.AsArray().Select(k => (string)k!))).ToList());

    /// <summary>pvelint's verdict on the file's bytes, read as the CLI reads them.</summary>
    public static SectionConfigVerdict FromPvelint(string kind, byte[] bytes)
    {
        var schema = kind switch
        {
            "resources" => HaResourcesSchema.File,
            "groups" => HaGroupsSchema.File,
            "rules" => HaRulesSchema.File,
            _ => throw new ArgumentException(kind),
        };
        var file = new SourceFile(schema.FileName, TextDecoding.DecodeAsPveReads(bytes).Text!);
        var context = new BindContext();
        var bound = SectionConfigBinder.Read(file, schema, context, oneFindingPerMistake: false);
        var warnings = context.Diagnostics
            .Where(d => d.Span is not null)
            .Select(d => (d.Span!.Value.Line, Class: Classify(d, bound)))
            .Where(w => w.Class is not null)
            .Select(w => (w.Line, w.Class!))
            // A run of ignored lines is one finding with the later lines as related locations; PVE warns per line.
            .Concat(context.Diagnostics.SelectMany(d => d.RelatedSpans)
                .Where(r => r.Message.Contains("('ignore config line')", StringComparison.Ordinal))
                .Select(r => (r.Span.Line, "ignore")))
            .ToHashSet();
        var broken = bound.Sections.Where(s => s.Status == SectionStatus.Broken).Select(s => s.Id.Value).Order(StringComparer.Ordinal).ToList();
        var sections = bound.Effective
            .Select(s => Describe(s.Id.Value, s.Status == SectionStatus.Accepted,
                s.Status == SectionStatus.Accepted ? s.Entry.Properties.Keys.Append("type") : []))
            .ToList();
        return new(warnings, broken, sections);
    }

    /// <summary>The class of PVE warning a diagnostic stands for; null for lint findings PVE itself is silent about.</summary>
    private static string? Classify(Diagnostic diagnostic, BoundSectionConfig bound)
    {
        var onHeader = bound.Sections.Any(s => s.Syntax.Header.Line == diagnostic.Span!.Value.Line);
        return diagnostic.Id switch
        {
            DiagnosticIds.SyntaxError or DiagnosticIds.SwallowedSection when diagnostic.Message.Contains("'ignore config line'") => "ignore",
            DiagnosticIds.UnknownKey when onHeader => "unsupported-type",
            DiagnosticIds.UnknownKey when diagnostic.Message.Contains("'unexpected property'") => "unexpected-property",
            DiagnosticIds.UnknownKey => "unknown-property",
            DiagnosticIds.InvalidValue when onHeader && diagnostic.Message.StartsWith("PVE skips") => "invalid-id",
            DiagnosticIds.InvalidValue => "invalid-value",
            DiagnosticIds.DuplicateKey when diagnostic.Message.Contains("'duplicate attribute'") => "duplicate-attribute",
            _ => null,
        };
    }

    private static string Describe(string id, bool defined, IEnumerable<string> keys) =>
        defined ? $"{id} {{{string.Join(",", keys.Order(StringComparer.Ordinal))}}}" : $"{id} (broken)";

    /// <summary>How this verdict differs from <paramref name="oracle"/>'s, one line per difference; empty when they agree.</summary>
    public IReadOnlyList<string> DifferencesFrom(SectionConfigVerdict oracle)
    {
        var differences = new List<string>();
        foreach (var (line, cls) in oracle.Warnings.Except(Warnings).Order())
            differences.Add($"PVE warns on line {line} ({cls}), pvelint does not");
        foreach (var (line, cls) in Warnings.Except(oracle.Warnings).Order())
            differences.Add($"pvelint reports line {line} as {cls}, PVE does not");
        if (!Broken.SequenceEqual(oracle.Broken))
            differences.Add($"broken sections: PVE [{string.Join(", ", oracle.Broken)}], pvelint [{string.Join(", ", Broken)}]");
        if (!Sections.SequenceEqual(oracle.Sections))
            differences.Add($"kept sections: PVE [{string.Join("; ", oracle.Sections)}], pvelint [{string.Join("; ", Sections)}]");
        return differences;
    }
}
