using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.SectionConfig.Schema;
using PveLint.SectionConfig.Syntax;
using PveLint.Text;

namespace PveLint.SectionConfig;

/// <summary>
/// Reads a section-config file the way PVE's <c>parse_config</c> + <c>check_config</c> do, against one
/// <see cref="SectionFileSchema"/> (reference/pve-ha-manager.md §1.1, reference/pve-formats.md §2):
/// a header whose id fails its check, or whose type has no plugin, skips the section; per key: unknown or
/// not-allowed keys are dropped (PVE0002), a repeated key keeps the first accepted value (PVE0004), a bad value is
/// dropped (PVE0003); a section without a required key is filed as broken, which drops it (PVE0007); a later
/// section with the same id silently replaces the earlier one (PVE0005).
/// </summary>
public static class SectionConfigBinder
{
    /// <summary>Scans and binds <paramref name="file"/>, reporting syntax and schema diagnostics to <paramref name="context"/>.</summary>
    /// <param name="oneFindingPerMistake">
    /// True (the linter): problems that follow from a syntax mistake become related locations of it. False: every
    /// problem on its own line, as PVE's parser warns (the differential tests compare line by line).
    /// </param>
    public static BoundSectionConfig Read(SourceFile file, SectionFileSchema schema, BindContext context, bool oneFindingPerMistake = true)
    {
        var document = SectionConfigScanner.Scan(file, schema.HeaderShape);
        var causes = oneFindingPerMistake ? new RootCauses() : null;
        var bindDiagnostics = new List<Diagnostic>();
        var bound = Bind(document, schema, context.Target, bindDiagnostics.Add, causes);
        // PVE reads the body of a section it skips without a word ('next if $skip'): what the scanner found there
        // is not what PVE does, so it is not reported; the skip itself is, at the header.
        var skippedBodyLines = bound.Sections
            .Where(s => s.Status is SectionStatus.SkippedInvalidId or SectionStatus.SkippedUnknownType)
            .SelectMany(s => s.Syntax.Body.Select(l => l.Line))
            .ToHashSet();
        IEnumerable<Diagnostic> syntaxDiagnostics = skippedBodyLines.Count == 0
            ? document.Diagnostics
            : document.Diagnostics.Where(d => d.Span is not { } span || !skippedBodyLines.Contains(span.Line)).ToList();
        context.ReportAll(causes is null ? syntaxDiagnostics : causes.Attach(syntaxDiagnostics));
        context.ReportAll(bindDiagnostics);
        return bound;
    }

    private enum SkipKind { None, UnknownType, InvalidId }

    /// <summary>Why PVE's <c>parse_config</c> skips a section at its header, in PVE's order of checks.</summary>
    private static SkipKind SkipReason(SectionFileSchema schema, SectionTypeSchema? typeSchema, SectionIdCheck idCheck, TargetRelease target)
    {
        var unknownType = typeSchema is null || typeSchema.Since > target;
        if (unknownType && !schema.IdCheckedBeforeType) return SkipKind.UnknownType;
        if (idCheck.Problem is not null) return SkipKind.InvalidId;
        return unknownType ? SkipKind.UnknownType : SkipKind.None;
    }

    private static string TypeOf(HeaderLine header, SectionFileSchema schema) =>
        schema.LowerCaseType ? PerlText.Lc(header.TypeText) : header.TypeText;

    /// <summary>Each type's required keys in ordinal order, worked out once: per section it showed in profiles of big files.</summary>
    private static readonly OncePer<SectionTypeSchema, string[]> RequiredKeys = new(RequiredKeysOf);

    private static string[] RequiredKeysOf(SectionTypeSchema type) =>
        type.Options.Where(o => !o.Value.Optional).Select(o => o.Key).Order(StringComparer.Ordinal).ToArray();

    public static BoundSectionConfig Bind(SectionConfigDocument document, SectionFileSchema schema, BindContext context) =>
        Bind(document, schema, context.Target, context.Report, causes: null);

    /// <param name="causes">Where problems caused by a syntax mistake of <paramref name="document"/> go instead of <paramref name="report"/>; null reports everything.</param>
    private static BoundSectionConfig Bind(SectionConfigDocument document, SectionFileSchema schema, TargetRelease target, Action<Diagnostic> report, RootCauses? causes)
    {
        var budget = DiagnosticBudget.ForFile(document.File, report);
        var accepted = new OrdinalMap<SectionProperty>.Builder(); // one for the file: each section starts it again
        var sections = new List<BoundSection>(document.Sections.Length);
        foreach (var section in document.Sections) sections.Add(BindSection(document.File, section, schema, target, budget, causes, accepted));
        var bound = ResolveDuplicates(document, sections, budget);
        budget.Flush();
        return bound;
    }

    private static BoundSection BindSection(SourceFile file, SectionSyntax syntax, SectionFileSchema schema, TargetRelease target, DiagnosticBudget diagnostics, RootCauses? causes,
        OrdinalMap<SectionProperty>.Builder accepted)
    {
        var header = syntax.Header;
        var type = TypeOf(header, schema);
        var typeSchema = schema.Types.GetValueOrDefault(type);
        var idCheck = schema.CheckId(type, header.Id.Value);
        var idSpan = IdSpan(header, idCheck.Id, type);
        // Most ids are the header's token as written: its located value serves (a large file has tens of thousands).
        var id = idCheck.Id == header.Id.Value && idSpan == header.Id.Span ? header.Id : new Located<string>(idCheck.Id, idSpan);
        // For messages only: most sections have none, so the name is made when first needed.
        var description = new SectionNoun(typeSchema, type, idCheck.Id);
        SectionEntry Entry(IReadOnlyDictionary<string, SectionProperty> properties) =>
            new(file.Path, type, id, header.Span, properties, syntax.Span);

        switch (SkipReason(schema, typeSchema, idCheck, target))
        {
            case SkipKind.UnknownType:
                diagnostics.Report(DiagnosticIds.UnknownKey, header.TypeSpan, UnknownTypeMessage(schema, type, typeSchema, header.Id.Value, target));
                return new BoundSection(syntax, type, typeSchema, Entry(OrdinalMap<SectionProperty>.Empty), SectionStatus.SkippedUnknownType);
            case SkipKind.InvalidId:
                diagnostics.Report(DiagnosticIds.InvalidValue, header.Id.Span,
                    $"PVE skips {typeSchema?.Noun ?? MessageText.Short(type) + " section"} '{MessageText.Short(header.Id.Value)}' with all its keys: {idCheck.Problem}.");
                return new BoundSection(syntax, type, typeSchema, Entry(OrdinalMap<SectionProperty>.Empty), SectionStatus.SkippedInvalidId);
        }
        if (typeSchema is null) throw new InvalidOperationException("unreachable: an unknown type is skipped");

        accepted.Reset(syntax.Body.Length); // in file order; no more keys than lines
        Dictionary<string, PropertyLine>? rejected = null; // made for the first rejected line
        HeaderLine? swallowed = null;
        PropertyLine? typeLine = null;
        foreach (var bodyLine in syntax.Body)
        {
            if (bodyLine is JunkLine { Kind: JunkKind.SwallowedHeader, SwallowedHeader: { } swallowedHeader }) swallowed = swallowedHeader;
            if (bodyLine is not PropertyLine line) continue;
            if (line.KeyText == "type")
            {
                CheckTypeLine(line, type, ref typeLine, description, diagnostics);
                continue;
            }
            var report = new LineReport(diagnostics, causes, swallowed, line, schema, typeSchema, accepted, target);
            var property = BindProperty(file, line, type, typeSchema, schema, description, accepted, target, in report);
            // An array key keeps its first line here; its later lines are further items, not duplicates.
            if (property is not null) accepted.TryAdd(line.KeyText, property);
            else (rejected ??= new(StringComparer.Ordinal)).TryAdd(line.KeyText, line);
        }

        var status = SectionStatus.Accepted;
        foreach (var key in RequiredKeys.Of(typeSchema))
        {
            if (accepted.ContainsKey(key)) continue;
            var written = rejected?.GetValueOrDefault(key);
            var consequence = schema.BrokenSectionConsequence(target);
            diagnostics.Report(DiagnosticIds.MissingRequiredKey, header.Span,
                (written is null
                    ? $"{Capitalize(description.ToString())} has no '{MessageText.Short(key)}', which is required: PVE skips the whole section ('missing value for required option')."
                    : $"{Capitalize(description.ToString())} has no valid '{MessageText.Short(key)}' (the one on line {written.Line} was rejected), and '{MessageText.Short(key)}' is required: PVE skips the whole section ('missing value for required option').")
                + (consequence is null ? "" : " " + consequence));
            status = SectionStatus.Broken;
        }

        // The compact map: a large cluster keeps tens of thousands of entries.
        var entry = Entry(accepted.ToMap());
        if (status == SectionStatus.Accepted && schema.DecodeCheck is { } decode &&
            !decode(entry, typeSchema, diagnostics.Report))
            status = SectionStatus.Broken;

        return new BoundSection(syntax, type, typeSchema, entry, status);
    }

    /// <summary>
    /// Where the diagnostics of one property line go: a key repeated, or unknown to this section but known to the
    /// header PVE swallowed above it, exists only because of that header (PVE0006); a value that is valid without
    /// its inline comment is rejected only because of the comment (PVE0009, raised to an error since PVE drops the
    /// key). Those become related locations of the root cause; everything else is reported as usual.
    /// </summary>
    private readonly record struct LineReport(
        DiagnosticBudget Diagnostics, RootCauses? Causes, HeaderLine? Swallowed, PropertyLine Line,
        SectionFileSchema Schema, SectionTypeSchema TypeSchema, OrdinalMap<SectionProperty>.Builder Accepted, TargetRelease Target)
    {
        // A struct, not a closure: one per property line of every section, and almost never asked to report.
        public void Report(Diagnostic d)
        {
            var key = Line.KeyText;
            if (Causes is null)
                Diagnostics.Report(d);
            else if (Swallowed is not null && d.Id == DiagnosticIds.DuplicateKey && Accepted.TryGetValue(key, out var first) && first.KeySpan.Line < Swallowed.Line)
                Causes.Add(DiagnosticIds.SwallowedSection, Swallowed.Line, d);
            else if (Swallowed is not null && d.Id == DiagnosticIds.UnknownKey && KeyOfType(Schema, Swallowed, key) && !TypeSchema.Options.ContainsKey(key))
                Causes.Add(DiagnosticIds.SwallowedSection, Swallowed.Line, d);
            else if (d.Id == DiagnosticIds.InvalidValue && ValidWithoutInlineComment(Schema, TypeSchema, Line, Target))
                Causes.Add(DiagnosticIds.InlineCommentInValue, Line.Line, d, Severity.Error);
            else
                Diagnostics.Report(d);
        }
    }

    private static bool KeyOfType(SectionFileSchema schema, HeaderLine header, string key)
    {
        var type = TypeOf(header, schema);
        return schema.Types.TryGetValue(type, out var swallowedType) && swallowedType.Options.ContainsKey(key);
    }

    /// <summary>True when the line has an inline comment and the value before it passes its key's check.</summary>
    private static bool ValidWithoutInlineComment(SectionFileSchema schema, SectionTypeSchema typeSchema, PropertyLine line, TargetRelease target)
    {
        var index = line.InlineCommentIndex;
        if (line.KeyText is "comment" or "description" || index <= 0) return false;
        var before = PerlText.TrimEnd(line.Value!.Value, 0, index);
        return before > 0 && schema.PropertyFor(typeSchema, line.KeyText) is { } property
            && ValueChecker.Check(property, line.Value.Value[..before], target) is null;
    }

    private static SectionProperty? BindProperty(
        SourceFile file, PropertyLine line, string type, SectionTypeSchema typeSchema, SectionFileSchema schema,
        SectionNoun description, OrdinalMap<SectionProperty>.Builder accepted, TargetRelease target, in LineReport report)
    {
        var key = line.KeyText;

        var propertySchema = schema.PropertyFor(typeSchema, key);
        if (propertySchema is null || !propertySchema.KnownIn(target) || !typeSchema.Options.ContainsKey(key))
        {
            report.Report(Diagnostic.At(DiagnosticIds.UnknownKey, line.KeySpan, UnknownKeyMessage(schema, typeSchema, propertySchema, key, description, target)));
            return null;
        }

        if (accepted.TryGetValue(key, out var first) && !propertySchema.IsArray)
        {
            report.Report(new Diagnostic(DiagnosticIds.DuplicateKey,
                $"'{MessageText.Short(key)}' is set again in {description}: PVE keeps the first value '{MessageText.Short(first.Value.Value)}' from line {first.KeySpan.Line} and ignores this one ('duplicate attribute').",
                line.KeySpan,
                [new RelatedSpan(first.KeySpan, $"the '{MessageText.Short(key)}' PVE keeps")]));
            return null;
        }

        if (line.Value is null)
        {
            if (propertySchema.Kind == ValueKind.Boolean)
            {
                var end = line.KeyEnd;
                return new SectionProperty(line.KeyText, line.KeySpan.Line, line.KeySpan.Column, new Located<string>("1", file.SpanOf(end, 0)), IsBareFlag: true);
            }
            report.Report(Diagnostic.At(DiagnosticIds.InvalidValue, line.KeySpan,
                $"'{MessageText.Short(key)}' in {description} has no value ('got undefined value'): only boolean keys may stand alone, so PVE drops it."));
            return null;
        }

        var value = line.Value;
        if (value.Value.AsSpan().IndexOfAny('\r', '\n') is var feed and >= 0)
        {
            report.Report(Diagnostic.At(DiagnosticIds.InvalidValue, file.SpanOf(line.ValueOffset + feed, 1),
                $"The value of '{MessageText.Short(key)}' in {description} holds a carriage return ('property contains a line feed'): PVE drops the key."));
            return null;
        }

        if (ValueChecker.Check(propertySchema, value.Value, target) is { } problem)
        {
            var span = problem.Length < 0 ? value.Span : file.SpanOf(line.ValueOffset + problem.Offset, problem.Length);
            report.Report(Diagnostic.At(problem.Id, span, $"The value of '{MessageText.Short(key)}' in {description} is invalid: {problem.Message}; PVE drops the key."));
            return null;
        }

        var keySpan = line.KeySpan;
        return new SectionProperty(line.KeyText, keySpan.Line, keySpan.Column, value);
    }

    /// <summary>
    /// A 'type' line in a body: SectionConfig's <c>check_value</c> takes the first one that repeats the section
    /// type (silently), one with another type is an 'unexpected property', and every 'type' line after an accepted one
    /// is a 'duplicate attribute'. Always handled here: 'type' is never a stored key.
    /// </summary>
    private static void CheckTypeLine(PropertyLine line, string type, ref PropertyLine? accepted, SectionNoun description, DiagnosticBudget diagnostics)
    {
        if (accepted is not null)
        {
            diagnostics.Report(new Diagnostic(DiagnosticIds.DuplicateKey,
                $"'type' is set again in {description}: PVE's parser drops this line ('duplicate attribute'); the type comes from the header.",
                line.KeySpan,
                [new RelatedSpan(accepted.KeySpan, "the 'type' line PVE already took")]));
            return;
        }
        if (line.Value?.Value == type)
        {
            accepted = line;
            return;
        }
        diagnostics.Report(DiagnosticIds.UnknownKey, line.KeySpan,
            $"'type {MessageText.Short(line.Value?.Value)}' in {description} names another type: PVE's parser drops the line ('unexpected property'); the type comes from the header.");
    }

    private static BoundSectionConfig ResolveDuplicates(SectionConfigDocument document, List<BoundSection> sections, DiagnosticBudget diagnostics)
    {
        var lastById = new Dictionary<string, int>(sections.Count, StringComparer.Ordinal);
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            if (!section.IsFiled) continue;
            if (lastById.TryGetValue(section.Id.Value, out var earlierIndex))
            {
                var earlier = sections[earlierIndex];
                var what = SectionFileSchema.Describe(earlier.Schema, earlier.Type, earlier.Id.Value);
                var lost = section.Status == SectionStatus.Broken
                    ? $", and this one is broken, so PVE ends up with no '{MessageText.Short(section.Id.Value)}' at all"
                    : "";
                diagnostics.Report(new Diagnostic(DiagnosticIds.DuplicateSection,
                    $"Section id '{MessageText.Short(section.Id.Value)}' is used again (first on line {earlier.Syntax.Header.Line}): PVE silently replaces the earlier {what} with this one{lost}.",
                    section.Syntax.Header.Span,
                    [new RelatedSpan(earlier.Syntax.Header.Span, $"the earlier section '{MessageText.Short(earlier.Id.Value)}' that PVE discards")]));
                sections[earlierIndex] = earlier with { ReplacedBy = section };
            }
            lastById[section.Id.Value] = i;
        }

        // PVE's 'order' is the position of the winning (last) section.
        var effective = lastById.Values.Order().Select(i => sections[i]).ToImmutableArray();
        return new BoundSectionConfig(document, sections.ToImmutableArray(), effective);
    }

    private static SourceSpan IdSpan(HeaderLine header, string id, string type)
    {
        // "vm:100" (resources.cfg) stands for "vm: 100": point at both parts.
        if (id != header.Id.Value && id.Length > type.Length && id[type.Length] == ':' && id.StartsWith(type, StringComparison.Ordinal))
            return header.TypeSpan.Union(header.Id.Span);
        return header.Id.Span;
    }

    private static string UnknownTypeMessage(SectionFileSchema schema, string type, SectionTypeSchema? typeSchema, string id, TargetRelease target)
    {
        var skip = $"PVE skips the whole section '{MessageText.Short(id)}' ('unsupported type')";
        if (typeSchema is not null) return $"{Releases.OnlyFrom($"Section type '{MessageText.Short(type)}'", typeSchema.Since, target)}: {skip}.";
        if (schema.RemovedTypes.TryGetValue(type, out var removed)) return $"Section type '{MessageText.Short(type)}' {removed}: {skip}.";
        var known = string.Join(", ", schema.Types.Values.Where(t => t.Since <= target).Select(t => t.Type).Order(StringComparer.Ordinal));
        return $"Section type '{MessageText.Short(type)}' is not known to PVE in {schema.FileName} (known: {known}): {skip}{(schema.UnknownTypeHint is { } hint ? ", " + hint : "")}.";
    }

    private static string UnknownKeyMessage(SectionFileSchema schema, SectionTypeSchema typeSchema, PropertySchema? propertySchema, string key, SectionNoun description, TargetRelease target)
    {
        if (schema.RemovedKeys.TryGetValue(key, out var removed))
            return $"'{MessageText.Short(key)}' in {description} {removed}: PVE drops it.";
        if (propertySchema is not null && propertySchema.Since > target)
            return $"{Releases.OnlyFrom($"'{MessageText.Short(key)}' in {description}", propertySchema.Since, target)}: its PVE drops the key.";
        // SectionConfig.pm: a key with a schema for this type (its own or the shared list) that the type's options
        // leave out is 'unexpected property'; a key with no schema at all (with property isolation: none for
        // this type) is 'unknown property type'.
        if (propertySchema is not null)
            return $"'{MessageText.Short(key)}' is not an option of {description} ('unexpected property'): PVE drops it. Keys of {typeSchema.Noun ?? typeSchema.Type + " sections"}: {string.Join(", ", typeSchema.Options.Keys.Where(k => schema.PropertyFor(typeSchema, k)?.KnownIn(target) == true).Order(StringComparer.Ordinal))}.";
        return $"'{MessageText.Short(key)}' is not a key PVE knows in {schema.FileName} ('unknown property type'): PVE drops it from {description}.";
    }

    /// <summary>"HA resource 'vm:100'", made when a message needs it (<see cref="SectionFileSchema.Describe"/>).</summary>
    private readonly record struct SectionNoun(SectionTypeSchema? Schema, string Type, string Id)
    {
        public override string ToString() => SectionFileSchema.Describe(Schema, Type, Id);
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
