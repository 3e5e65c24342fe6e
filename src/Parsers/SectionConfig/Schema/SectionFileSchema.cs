using System.Collections.Immutable;
using PveLint.Model;
using PveLint.SectionConfig.Syntax;

namespace PveLint.SectionConfig.Schema;

/// <summary>How a section type uses a key (a plugin's <c>options()</c>): required unless optional.</summary>
public sealed record OptionUse(bool Optional = true, bool Fixed = false)
{
    public static OptionUse Required { get; } = new(Optional: false);

    public static OptionUse Opt { get; } = new();

    public static OptionUse FixedRequired { get; } = new(Optional: false, Fixed: true);
}

/// <summary>
/// One section type (a SectionConfig plugin): its keys and how it uses them. <see cref="OwnProperties"/> are the
/// plugin's own key schemas (property isolation, as in rules.cfg); other keys come from the file's shared list.
/// </summary>
public sealed record SectionTypeSchema(string Type, ImmutableDictionary<string, OptionUse> Options)
{
    public ImmutableDictionary<string, PropertySchema> OwnProperties { get; init; } = ImmutableDictionary<string, PropertySchema>.Empty;

    /// <summary>A human name for sections of this type in messages, e.g. "dir storage", "node-affinity rule".</summary>
    public string? Noun { get; init; }

    /// <summary>First release that knows the type.</summary>
    public TargetRelease Since { get; init; } = TargetRelease.Pve90;

    public static SectionTypeSchema Create(string type, string noun, params (string Key, OptionUse Use)[] options) =>
        new(type, options.ToImmutableDictionary(o => o.Key, o => o.Use, StringComparer.Ordinal)) { Noun = noun };
}

/// <summary>What <see cref="SectionFileSchema.CheckId"/> says about a header's id.</summary>
/// <param name="Id">The id PVE files the section under (e.g. <c>vm:100</c>, <c>100-0</c> for <c>0100-00</c>).</param>
/// <param name="Problem">Why PVE skips the section ("skip section"), or null.</param>
public readonly record struct SectionIdCheck(string Id, string? Problem = null);

/// <summary>
/// Everything the generic binder needs to know about one section-config file format, in one place per format:
/// header shape, id rule, section types and the shared key list, versioned by release. The per-format classes
/// (StorageSchema, ReplicationSchema, HA schemas) build one of these.
/// </summary>
public sealed class SectionFileSchema
{
    public required string FileName { get; init; }

    public SectionHeaderShape HeaderShape { get; init; } = SectionHeaderShape.AnyId;

    /// <summary>Whether PVE lower-cases the type (all PVE 9 plugins of these files do).</summary>
    public bool LowerCaseType { get; init; } = true;

    /// <summary>The plugin's <c>parse_section_header</c> id handling: (type, raw id) → id and problem.</summary>
    public required Func<string, string, SectionIdCheck> CheckId { get; init; }

    public required ImmutableDictionary<string, SectionTypeSchema> Types { get; init; }

    /// <summary>
    /// Whether <c>parse_section_header</c> checks the id before it looks up the type (SectionConfig.pm's default,
    /// storage, HA groups and rules): a section with both an unknown type and a bad id is then skipped for its id.
    /// ha/resources.cfg looks up the type first ('no such resource type').
    /// </summary>
    public bool IdCheckedBeforeType { get; init; } = true;

    /// <summary>The shared <c>propertyList</c> of the base plugin (and, in unified mode, of all plugins).</summary>
    public required ImmutableDictionary<string, PropertySchema> Properties { get; init; }

    /// <summary>Types PVE 9 no longer has, with why (e.g. glusterfs).</summary>
    public ImmutableDictionary<string, string> RemovedTypes { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Appended to the message about an unknown section type (e.g. third-party storage plugins).</summary>
    public string? UnknownTypeHint { get; init; }

    /// <summary>Keys PVE 9 no longer has at all, with why (e.g. storage <c>maxfiles</c>).</summary>
    public ImmutableDictionary<string, string> RemovedKeys { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Text appended to messages about a section PVE drops as broken (e.g. the CRM halt for rules.cfg).</summary>
    public Func<TargetRelease, string?> BrokenSectionConsequence { get; init; } = _ => null;

    /// <summary>
    /// Checks PVE runs when it decodes a complete section (<c>decode_value</c>, e.g. storage content words).
    /// Reports through the sink; returns false if PVE then drops the section as broken.
    /// </summary>
    public Func<SectionEntry, SectionTypeSchema, Action<string, Text.SourceSpan, string>, bool>? DecodeCheck { get; init; }

    /// <summary>The schema for <paramref name="key"/> in a section of <paramref name="type"/>, if PVE has one.</summary>
    public PropertySchema? PropertyFor(SectionTypeSchema type, string key) =>
        type.OwnProperties.TryGetValue(key, out var own) ? own : Properties.GetValueOrDefault(key);

    /// <summary>A helper for the messages: "dir storage 'local'".</summary>
    public static string Describe(SectionTypeSchema? type, string typeName, string id) => $"{type?.Noun ?? MessageText.Short(typeName) + " section"} '{MessageText.Short(id)}'";
}
