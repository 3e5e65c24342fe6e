using System.Collections.Immutable;
using System.Globalization;
using PveLint.Text;

namespace PveLint.Json;

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

    /// <summary>
    /// Members in file order (duplicates kept; <see cref="Get"/> returns the first, <see cref="LastMember"/> and
    /// <see cref="LastMembers"/> the last, as Perl's JSON decoder keeps it).
    /// </summary>
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

    /// <summary>The last member with this name: the one Perl's <c>decode_json</c> keeps when a name is repeated.</summary>
    public JsonMember? LastMember(string name)
    {
        for (var i = Members.Length - 1; i >= 0; i--)
            if (Members[i].Name == name) return Members[i];
        return null;
    }

    /// <summary>One member per name, the last of repeated names winning (as in a Perl hash), in order of first appearance.</summary>
    public IEnumerable<JsonMember> LastMembers() =>
        Members.GroupBy(m => m.Name, StringComparer.Ordinal).Select(g => g.Last());

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

    /// <summary>"object", "array", "string", "number", "boolean" or "null", for messages.</summary>
    public string TypeName => Kind switch
    {
        JsonKind.Object => "object",
        JsonKind.Array => "array",
        JsonKind.String => "string",
        JsonKind.Number => "number",
        JsonKind.Null => "null",
        _ => "boolean",
    };

    /// <summary>The type with its article ("an object", "a string"), or "null".</summary>
    public string Describe() => Kind switch
    {
        JsonKind.Null => "null",
        JsonKind.Object or JsonKind.Array => "an " + TypeName,
        _ => "a " + TypeName,
    };
}
