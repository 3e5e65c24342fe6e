using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.PropertyStrings;
using PveLint.Text;

namespace PveLint.SectionConfig.Schema;

/// <summary>A problem inside a property string, with the span of the part it is about.</summary>
public sealed record PropertyStringProblem(string Id, SourceSpan Span, string Message);

/// <summary>
/// A property string as PVE keeps it: the accepted <c>key → value</c> parts (booleans normalised to 0/1, the bare
/// value stored under the default key) and every problem. PVE rejects the whole string if there is any problem.
/// </summary>
public sealed record PropertyStringResult(
    ImmutableArray<PropertyItem> Items,
    ImmutableDictionary<string, Located<string>> Values,
    ImmutableArray<PropertyStringProblem> Problems)
{
    public bool Accepted => Problems.IsEmpty;
}

/// <summary>
/// A hash-based format (<c>k=v,k=v</c>) checked as pve-common <c>parse_property_string</c> + <c>check_object</c> do
/// (reference/pve-formats.md §1.1): a duplicate key, an unknown key, <c>key=</c> with no value, or a bare value
/// where the format has no default key each make PVE reject the whole string; then every key is checked against its
/// schema, missing non-optional keys and unmet <c>requires</c> are errors, and an optional validator runs last.
/// Keys and enum values newer than the target release are unknown, as they are to that release's PVE.
/// </summary>
public sealed class PropertyStringFormat : ValueFormat
{
    private readonly Func<IReadOnlyDictionary<string, string>, string?>? _validator;

    public PropertyStringFormat(string name, IEnumerable<PropertySchema> keys, Func<IReadOnlyDictionary<string, string>, string?>? validator = null)
        : base(name)
    {
        Keys = keys.ToImmutableDictionary(k => k.Name, StringComparer.Ordinal);
        _validator = validator;
    }

    public ImmutableDictionary<string, PropertySchema> Keys { get; }

    public PropertySchema? DefaultKey => Keys.Values.FirstOrDefault(k => k.DefaultKey);

    public override ValueProblem? Check(string value, TargetRelease target)
    {
        // Checked on its own (not inside a file): map the first problem back to an offset in the value.
        var scratch = new SourceFile("", value);
        var result = Analyze(scratch, 0, value, target);
        if (result.Accepted) return null;
        var first = result.Problems[0];
        var start = scratch.LineStart(first.Span.Line) + first.Span.Column - 1;
        var end = scratch.LineStart(first.Span.EndLine) + first.Span.EndColumn - 1;
        return new ValueProblem(first.Message, start, Math.Max(0, end - start), first.Id);
    }

    /// <summary>Parses and checks <paramref name="text"/>, which starts at <paramref name="offset"/> in <paramref name="file"/>.</summary>
    public PropertyStringResult Analyze(SourceFile file, int offset, string text, TargetRelease target)
    {
        var (items, parseProblems, parseSpans) = PropertyString.Parse(file, offset, text);
        var problems = ImmutableArray.CreateBuilder<PropertyStringProblem>();
        for (var i = 0; i < parseProblems.Length; i++)
            problems.Add(new PropertyStringProblem(DiagnosticIds.InvalidValue, parseSpans[i], $"{MessageText.Short(parseProblems[i], 200)}, so PVE reports 'missing key in comma-separated list property'"));

        var values = new Dictionary<string, Located<string>>(StringComparer.Ordinal);
        var wholeSpan = file.SpanOf(offset, text.Length);
        var defaultKey = DefaultKey;
        var sawBareValue = false;
        foreach (var item in items)
        {
            PropertySchema? schema;
            string key;
            if (item.Key is null)
            {
                if (defaultKey is null)
                {
                    problems.Add(new PropertyStringProblem(DiagnosticIds.InvalidValue, item.Span,
                        $"'{MessageText.Short(item.Value.Value)}' has no 'key=' and {Name} has no default key ('value without key, but schema does not define a default key')"));
                    continue;
                }
                if (sawBareValue || values.ContainsKey(defaultKey.Name))
                {
                    problems.Add(new PropertyStringProblem(DiagnosticIds.InvalidValue, item.Span,
                        $"'{MessageText.Short(item.Value.Value)}' sets '{MessageText.Short(defaultKey.Name)}' a second time ('duplicate key in comma-separated list property')"));
                    continue;
                }
                sawBareValue = true;
                schema = defaultKey;
                key = defaultKey.Name;
            }
            else
            {
                key = item.Key.Value;
                if (values.ContainsKey(key))
                {
                    problems.Add(new PropertyStringProblem(DiagnosticIds.InvalidValue, item.Span,
                        $"'{MessageText.Short(key)}' is set twice ('duplicate key in comma-separated list property')"));
                    continue;
                }
                if (!Keys.TryGetValue(key, out schema) || !schema.KnownIn(target))
                {
                    var why = schema is not null
                        ? Releases.OnlyFrom($"'{key}'", schema.Since, target)
                        : $"'{MessageText.Short(key)}' is not a key of {Name} (known: {string.Join(", ", Keys.Values.Where(k => k.KnownIn(target)).Select(k => k.Name).Order(StringComparer.Ordinal))})"
                          + (key.Trim() != key && Keys.ContainsKey(key.Trim()) ? "; PVE does not trim spaces around keys" : "");
                    problems.Add(new PropertyStringProblem(DiagnosticIds.UnknownKey, item.Key.Span, $"{why} ('invalid key in comma-separated list property')"));
                    continue;
                }
            }

            var raw = item.Value.Value;
            var normalised = schema.Kind == ValueKind.Boolean ? ParseBoolean(raw) ?? raw : raw;
            values[key] = new Located<string>(normalised, item.Value.Span);
            if (ValueChecker.Check(schema, normalised, target) is { } problem)
                problems.Add(new PropertyStringProblem(problem.Id, item.Value.Span, problem.Message));
        }

        foreach (var schema in Keys.Values.Where(k => !k.Optional && k.KnownIn(target) && !values.ContainsKey(k.Name)).OrderBy(k => k.Name, StringComparer.Ordinal))
            problems.Add(new PropertyStringProblem(DiagnosticIds.InvalidValue, wholeSpan, $"'{schema.Name}' is required ('property is missing and it is not optional')"));

        foreach (var (key, value) in values)
            if (Keys.TryGetValue(key, out var schema) && schema.Requires is { } required && !values.ContainsKey(required))
                problems.Add(new PropertyStringProblem(DiagnosticIds.InvalidValue, value.Span, $"'{MessageText.Short(key)}' needs '{MessageText.Short(required)}' to be set as well ('missing property required by {MessageText.Short(key)}')"));

        if (problems.Count == 0 && _validator?.Invoke(values.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal)) is { } invalid)
            problems.Add(new PropertyStringProblem(DiagnosticIds.InvalidValue, wholeSpan, invalid));

        return new PropertyStringResult(items, values.ToImmutableDictionary(StringComparer.Ordinal), problems.ToImmutable());
    }

    /// <summary>JSONSchema.pm <c>parse_boolean</c>: 1/on/yes/true and 0/off/no/false, any case.</summary>
    public static string? ParseBoolean(string text) => PerlText.Lc(text) switch
    {
        "1" or "on" or "yes" or "true" => "1",
        "0" or "off" or "no" or "false" => "0",
        _ => null,
    };
}
