using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.SectionConfig.Schema;

/// <summary>The JSON-schema types PVE config values use (pve-common JSONSchema.pm <c>check_type</c>).</summary>
public enum ValueKind
{
    String,
    Boolean,
    Integer,
    Number,
}

/// <summary>One allowed value of an enum, with the first release that knows it.</summary>
public sealed record EnumValue(string Value, TargetRelease Since = TargetRelease.Pve90);

/// <summary>
/// What PVE's schema says about one key: its type and the checks <c>check_prop</c> runs, in PVE's order (type,
/// format, pattern, length, range, enum), plus the first release that knows the key (keys PVE 9 dropped are listed per file, see
/// <see cref="SectionFileSchema.RemovedKeys"/>). Also used for the keys inside
/// property strings, where <see cref="Optional"/>, <see cref="DefaultKey"/> and <see cref="Requires"/> matter.
/// </summary>
public sealed record PropertySchema(string Name, ValueKind Kind)
{
    public ImmutableArray<EnumValue> Enum { get; init; } = ImmutableArray<EnumValue>.Empty;

    public ValueFormat? Format { get; init; }

    /// <summary>A JSON-schema <c>pattern</c>; PVE anchors it as <c>^(?:pattern)$</c>.</summary>
    public string? Pattern { get; init; }

    public int? MaxLength { get; init; }

    public int? MinLength { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    /// <summary>Inside a property string: may the key be absent?</summary>
    public bool Optional { get; init; } = true;

    /// <summary>Inside a property string: a bare value (no <c>key=</c>) is for this key.</summary>
    public bool DefaultKey { get; init; }

    /// <summary>Inside a property string: this key is only valid together with that key.</summary>
    public string? Requires { get; init; }

    /// <summary>An <c>array</c> property: each line of the key adds an item (SectionConfig <c>is_array</c>), so a repeated key is no duplicate.</summary>
    public bool IsArray { get; init; }

    /// <summary>First release whose PVE knows the key.</summary>
    public TargetRelease Since { get; init; } = TargetRelease.Pve90;

    public bool KnownIn(TargetRelease target) => Since <= target;

    public static PropertySchema Bool(string name) => new(name, ValueKind.Boolean);

    public static PropertySchema Str(string name) => new(name, ValueKind.String);

    public static PropertySchema Int(string name, double? min = null, double? max = null) => new(name, ValueKind.Integer) { Minimum = min, Maximum = max };

    public static PropertySchema Num(string name, double? min = null, double? max = null) => new(name, ValueKind.Number) { Minimum = min, Maximum = max };

    public static PropertySchema OneOf(string name, params string[] values) =>
        new(name, ValueKind.String) { Enum = values.Select(v => new EnumValue(v)).ToImmutableArray() };

    public static PropertySchema Formatted(string name, ValueFormat format) => new(name, ValueKind.String) { Format = format };
}
