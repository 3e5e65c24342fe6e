using System.Collections.Immutable;
using System.Globalization;
using PveLint.Text;

namespace PveLint.Ceph.Json;

public enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>An object member: its name (unescaped), the span of the quoted name, and its value.</summary>
public sealed record JsonMember(string Name, SourceSpan NameSpan, JsonNode Value);

/// <summary>
/// A JSON value with the exact span it was read from (System.Text.Json's <c>JsonDocument</c> keeps no positions).
/// <see cref="Text"/> is the unescaped string of a string and the literal text of a number.
/// </summary>
public sealed class JsonNode
{
    internal JsonNode(JsonKind kind, SourceSpan span, string? text, ImmutableArray<JsonMember> members, ImmutableArray<JsonNode> items)
    {
        Kind = kind;
        Span = span;
        Text = text;
        Members = members;
        Items = items;
    }

    public JsonKind Kind { get; }
    public SourceSpan Span { get; }
    public string? Text { get; }

    /// <summary>Members in file order (duplicates kept; <see cref="Get"/> returns the first).</summary>
    public ImmutableArray<JsonMember> Members { get; }

    public ImmutableArray<JsonNode> Items { get; }

    public bool IsObject => Kind == JsonKind.Object;
    public bool IsArray => Kind == JsonKind.Array;

    public JsonMember? Member(string name)
    {
        foreach (var m in Members)
            if (m.Name == name) return m;
        return null;
    }

    public JsonNode? Get(string name) => Member(name)?.Value;

    public bool Has(string name) => Member(name) is not null;

    /// <summary>A string value, or the literal text of a number (Ceph prints some numbers as strings and vice versa).</summary>
    public string? AsString() => Kind is JsonKind.String or JsonKind.Number ? Text : null;

    public long? AsInt64()
    {
        if (Kind is not (JsonKind.Number or JsonKind.String) || Text is null) return null;
        if (long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        // 1.0 or 1e3 for an integer field: accept exact integral values only.
        if (double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Abs(d) < 9e15 && d == Math.Floor(d)) return (long)d;
        return null;
    }

    public int? AsInt32() => AsInt64() is { } l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null;

    public double? AsDouble() =>
        Kind is JsonKind.Number or JsonKind.String && Text is not null &&
        double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    /// <summary>true/false, and the 0/1 integers Ceph uses for flags in some dumps.</summary>
    public bool? AsBool() => Kind switch
    {
        JsonKind.True => true,
        JsonKind.False => false,
        JsonKind.Number => AsInt64() is { } l ? l != 0 : null,
        JsonKind.String => Text switch { "true" or "1" => true, "false" or "0" => false, _ => null },
        _ => null,
    };

    public string Describe() => Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.Null => "null",
        _ => "a boolean",
    };
}
