using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.SectionConfig;
using PveLint.SectionConfig.Schema;
using PveLint.Text;

namespace PveLint.Datacenter;

/// <summary>
/// datacenter.cfg → <see cref="DatacenterConfig"/>, following pve-cluster <c>parse_datacenter_config</c> and
/// pve-common <c>JSONSchema::parse_config</c> (reference/pve-formats.md §1):
/// <list type="bullet">
/// <item>'#' lines in column 1 are the URI-encoded description, not comments;</item>
/// <item>a repeated key: the last line wins (the hash is simply overwritten);</item>
/// <item>an unknown key, or a value failing its schema, is dropped with a warning — for a property string any
///   problem (duplicate or unknown sub-key, bad sub-value, missing required sub-key) drops the whole line;</item>
/// <item>an empty <c>crs:</c> line crashes the CRM before pve-cluster 9.1.6 and is ignored from then on.</item>
/// </list>
/// </summary>
public static class DatacenterReader
{
    public static DatacenterConfig Read(SourceFile file, BindContext context) => Bind(file, context).Config;

    /// <summary>The syntax tree and the model, for tests and tools that want both.</summary>
    public static (DatacenterDocument Document, DatacenterConfig Config) Bind(SourceFile file, BindContext context)
    {
        var document = DatacenterScanner.Scan(file);
        var target = context.Target;
        var budget = DiagnosticBudget.ForFile(file, context.Report);
        var schema = DatacenterSchema.Keys(target);

        foreach (var junk in document.Lines.OfType<DatacenterJunkLine>())
            budget.Report(DiagnosticIds.SyntaxError, junk.Span,
                $"PVE ignores line {junk.Line} of datacenter.cfg ('ignore config line'): it is not '<key>: <value>' (the key may not contain spaces and must end with ':').");

        var lastByKey = new Dictionary<string, DatacenterEntryLine>(StringComparer.Ordinal);
        foreach (var line in document.Entries) lastByKey[line.Key.Text] = line;
        foreach (var line in document.Entries.Where(l => !ReferenceEquals(lastByKey[l.Key.Text], l)))
        {
            var later = lastByKey[line.Key.Text];
            budget.Report(new Diagnostic(DiagnosticIds.DuplicateKey,
                $"'{MessageText.Short(line.Key.Text)}' is set again on line {later.Line} of datacenter.cfg: PVE uses that later value and ignores this line.",
                line.Key.Span,
                [new RelatedSpan(later.Key.Span, $"the '{MessageText.Short(line.Key.Text)}' line PVE uses")]));
        }

        var entries = ImmutableDictionary.CreateBuilder<string, DatacenterEntry>(StringComparer.Ordinal);
        var accepted = new Dictionary<string, PropertyStringResult?>(StringComparer.Ordinal);
        foreach (var line in document.Entries.Where(l => ReferenceEquals(lastByKey[l.Key.Text], l)))
        {
            var (entry, parts) = BindEntry(file, line, schema, target, budget);
            entries[line.Key.Text] = entry;
            if (entry.AcceptedByPve) accepted[line.Key.Text] = parts;
        }

        var crs = CrsFrom(accepted, entries, target, budget);
        budget.Flush();
        var shutdownPolicy = accepted.GetValueOrDefault("ha")?.Values.GetValueOrDefault("shutdown_policy");
        var fencing = accepted.ContainsKey("fencing") ? entries["fencing"].Value : null;
        var config = new DatacenterConfig(file.Path, entries.ToImmutable(), crs, shutdownPolicy, fencing, document.Description);
        return (document, config);
    }

    private static (DatacenterEntry Entry, PropertyStringResult? Parts) BindEntry(
        SourceFile file, DatacenterEntryLine line, ImmutableDictionary<string, PropertySchema> schema, TargetRelease target, DiagnosticBudget diagnostics)
    {
        var key = line.Key.Text;
        var keyLocated = line.Key.ToLocated();
        var valueLocated = line.Value.ToLocated();
        var known = DatacenterSchema.Keys(TargetRelease.Pve92).GetValueOrDefault(key);
        var format = known?.Format as PropertyStringFormat;
        // Parsed parts as written, so rules can see what a dropped line asked for.
        var parts = format?.Analyze(file, line.Value.Offset, line.Value.Text, target);
        var written = parts is null ? ImmutableDictionary<string, Located<string>>.Empty : WrittenParts(parts, format!);

        DatacenterEntry Dropped() => new(keyLocated, valueLocated, written, AcceptedByPve: false);

        if (!schema.TryGetValue(key, out var keySchema) || !keySchema.KnownIn(target))
        {
            diagnostics.Report(DiagnosticIds.UnknownKey, line.Key.Span, known is not null
                ? $"{Releases.OnlyFrom($"The datacenter.cfg key '{MessageText.Short(key)}'", known.Since, target)}: its PVE drops the line ('property is not defined in schema')."
                : $"'{MessageText.Short(key)}' is not a datacenter.cfg key ('property is not defined in schema'): PVE drops the line.");
            return (Dropped(), null);
        }

        if (key == "description")
        {
            diagnostics.Report(DiagnosticIds.UnknownKey, line.Key.Span,
                "PVE replaces a 'description:' line with the '#' lines of datacenter.cfg (the datacenter notes), so this line has no effect; write the notes as '#' lines.");
            return (Dropped(), null);
        }

        if (parts is not null)
        {
            foreach (var problem in parts.Problems)
                diagnostics.Report(problem.Id, problem.Span,
                    $"In '{MessageText.Short(key)}' of datacenter.cfg, {problem.Message}: PVE rejects the whole '{MessageText.Short(key)}' value and drops the line{Consequence(key)}.");
            return parts.Accepted ? (new DatacenterEntry(keyLocated, valueLocated, parts.Values), parts) : (Dropped(), null);
        }

        var value = keySchema.Kind == ValueKind.Boolean ? PropertyStringFormat.ParseBoolean(line.Value.Text) ?? line.Value.Text : line.Value.Text;
        if (ValueChecker.Check(keySchema, value, target) is { } invalid)
        {
            var span = invalid.Length < 0 ? line.Value.Span : file.SpanOf(line.Value.Offset + invalid.Offset, invalid.Length);
            diagnostics.Report(invalid.Id, line.Value.Text.Length == 0 ? line.Key.Span : span,
                $"The value of '{MessageText.Short(key)}' in datacenter.cfg is invalid: {invalid.Message}; PVE drops the line{Consequence(key)}.");
            return (Dropped(), null);
        }

        return (new DatacenterEntry(keyLocated, new Located<string>(value, line.Value.Span), ImmutableDictionary<string, Located<string>>.Empty), null);
    }

    /// <summary>The effective CRS settings, or null when there are none (absent, dropped, or an empty line).</summary>
    private static CrsSettings? CrsFrom(Dictionary<string, PropertyStringResult?> accepted, IDictionary<string, DatacenterEntry> entries, TargetRelease target, DiagnosticBudget diagnostics)
    {
        if (!accepted.TryGetValue("crs", out var parts) || parts is null) return null;
        var entry = entries["crs"];
        if (entry.Value.Value.Length == 0)
        {
            diagnostics.Report(DiagnosticIds.InvalidValue, entry.Key.Span, target < TargetRelease.Pve92
                ? $"An empty 'crs:' line is not ignored on {TargetReleases.Name(target)} (pve-cluster before 9.1.6 keeps the empty string, and the HA CRM crashes on it): remove the line or write 'crs: ha=basic'."
                : "PVE ignores an empty 'crs:' line with a warning ('ignoring empty crs: line in datacenter.cfg'): remove the line or give it settings.");
            return null;
        }

        var values = parts.Values;
        Located<bool>? Bool(string key) => values.GetValueOrDefault(key) is { } v ? new Located<bool>(v.Value == "1", v.Span) : null;
        Located<double>? Number(string key) =>
            values.GetValueOrDefault(key) is { } v && ValueChecker.TryNumber(v.Value, out var n) ? new Located<double>(n, v.Span) : null;

        return new CrsSettings(
            values.GetValueOrDefault("ha"),
            Bool("ha-rebalance-on-start"),
            Bool("ha-auto-rebalance"),
            Number("ha-auto-rebalance-threshold"),
            values.GetValueOrDefault("ha-auto-rebalance-method"),
            Number("ha-auto-rebalance-hold-duration"),
            Number("ha-auto-rebalance-margin"));
    }

    /// <summary>The parts of a property string as written: the first value of each key, a bare value under the default key.</summary>
    private static ImmutableDictionary<string, Located<string>> WrittenParts(PropertyStringResult parts, PropertyStringFormat format)
    {
        var written = ImmutableDictionary.CreateBuilder<string, Located<string>>(StringComparer.Ordinal);
        foreach (var item in parts.Items)
        {
            var key = item.Key?.Value ?? format.DefaultKey?.Name;
            if (key is not null && !written.ContainsKey(key)) written[key] = item.Value;
        }
        return written.ToImmutable();
    }

    private static string Consequence(string key) => key switch
    {
        "crs" => ", so the HA CRM schedules with the default 'basic' mode",
        "ha" => ", so HA uses the default shutdown policy 'conditional'",
        "fencing" => ", so HA uses the default 'watchdog' fencing",
        "migration" => ", so migrations use the defaults (secure, over the cluster network)",
        _ => "",
    };
}
