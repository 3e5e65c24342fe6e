using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Json;

namespace PveLint.Ceph.Json;

/// <summary>
/// Reads typed members of a dump's JSON objects and reports what does not fit: a missing member that the model
/// needs (PVE0007) or a member of the wrong type (PVE0003). <paramref name="what"/> names the object in messages,
/// e.g. "pool 'vm-pool'" or "the monitor map".
/// </summary>
public readonly struct JsonFields(JsonNode node, string what, DumpDiagnostics context)
{
    public JsonNode Node => node;

    public long? RequiredInt64(string key) => Int64(key, required: true);

    public int? RequiredInt(string key) => Narrow(key, Int64(key, required: true));

    public int? OptionalInt(string key) => Narrow(key, Int64(key, required: false));

    public long? OptionalInt64(string key) => Int64(key, required: false);

    public string? RequiredString(string key) => String(key, required: true);

    public string? OptionalString(string key) => String(key, required: false);

    public bool? OptionalBool(string key)
    {
        var value = node.Get(key);
        if (value is null || value.Kind == JsonKind.Null) return null;
        if (value.AsBool() is { } b) return b;
        Wrong(key, value, "true or false");
        return null;
    }

    public double? OptionalDouble(string key)
    {
        var value = node.Get(key);
        if (value is null || value.Kind == JsonKind.Null) return null;
        if (value.AsDouble() is { } d) return d;
        Wrong(key, value, "a number");
        return null;
    }

    /// <summary>An array member; a missing member is an empty array, anything else is reported.</summary>
    public ImmutableArray<JsonNode> Array(string key, bool required = false)
    {
        if (Value(key, required) is not { } value) return [];
        if (value.IsArray) return value.Items;
        if (value.Kind != JsonKind.Null) Wrong(key, value, "an array");
        return [];
    }

    public JsonNode? Object(string key)
    {
        var value = node.Get(key);
        if (value is null || value.Kind == JsonKind.Null) return null;
        if (value.IsObject) return value;
        Wrong(key, value, "an object");
        return null;
    }

    private long? Int64(string key, bool required)
    {
        if (Value(key, required) is not { } value) return null;
        if (value.AsInt64() is { } l) return l;
        Wrong(key, value, "an integer");
        return null;
    }

    private int? Narrow(string key, long? value)
    {
        if (value is null) return null;
        if (value is >= int.MinValue and <= int.MaxValue) return (int)value;
        context.Report(DiagnosticIds.InvalidValue, node.Get(key)!.Span, $"\"{key}\" of {what} is {value}, which is out of range.");
        return null;
    }

    private string? String(string key, bool required)
    {
        if (Value(key, required) is not { } value) return null;
        if (value.AsString() is { } s) return s;
        if (value.Kind == JsonKind.Null && !required) return null;
        Wrong(key, value, "a string");
        return null;
    }

    /// <summary>The member's value, or null when it is missing (reported when the model needs it).</summary>
    private JsonNode? Value(string key, bool required)
    {
        var value = node.Get(key);
        if (value is null && required) Missing(key);
        return value;
    }

    private void Missing(string key) =>
        context.Report(DiagnosticIds.MissingRequiredKey, node.Span, $"{Capitalize(what)} has no \"{key}\" member, so it is left out of the model.");

    private void Wrong(string key, JsonNode value, string expected) =>
        context.Report(DiagnosticIds.InvalidValue, value.Span, $"\"{key}\" of {what} is {value.Describe()}, but Ceph writes {expected} there; the value is ignored.");

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
