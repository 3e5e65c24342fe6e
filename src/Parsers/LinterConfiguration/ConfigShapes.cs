using System.Collections.Immutable;

namespace PveLint.LinterConfiguration;

/// <summary>
/// A declarative description of a YAML value of .pvelint.yaml. <see cref="LinterConfigSchema"/> builds the whole
/// file from these; the reader takes its known keys and allowed values from it and <see cref="JsonSchemaWriter"/>
/// turns it into the shipped JSON schema, so the two cannot drift apart.
/// </summary>
public abstract record ConfigShape(string Description);

/// <summary>One key of a mapping with a fixed set of keys.</summary>
public sealed record ConfigKey(string Name, ConfigShape Shape, bool Required = false);

/// <summary>
/// A mapping. With <see cref="Keys"/>, only those keys are allowed; with <see cref="Entries"/>, every key is a
/// user-chosen name (a site, a node, a rule id) whose value has that shape, and <see cref="NamePattern"/> may
/// constrain the names.
/// </summary>
public sealed record ConfigMapping(string Description, ImmutableArray<ConfigKey> Keys, ConfigShape? Entries = null, string? NamePattern = null)
    : ConfigShape(Description)
{
    public ConfigKey? Key(string name) => Keys.FirstOrDefault(k => k.Name == name);

    public ConfigShape ShapeOf(string name) => Key(name)?.Shape ?? throw new KeyNotFoundException($"'{name}' is not in the schema");

    /// <summary>"a, b, c" for messages.</summary>
    public string KnownKeys => string.Join(", ", Keys.Select(k => k.Name));
}

public sealed record ConfigList(string Description, ConfigShape Items, int MinItems = 0) : ConfigShape(Description);

/// <summary>A string, optionally one of <see cref="Choices"/>, matching <see cref="Pattern"/>, or of a JSON-schema <see cref="Format"/> (e.g. date).</summary>
public sealed record ConfigText(string Description, ImmutableArray<string> Choices = default, string? Pattern = null, string? Format = null, bool NonEmpty = false)
    : ConfigShape(Description)
{
    public bool Allows(string value) => Choices.IsDefaultOrEmpty || Choices.Contains(value);

    /// <summary>"a, b or c" (quoted: "'a', 'b' or 'c'") for messages.</summary>
    public string ChoiceList(bool quoted = false)
    {
        var items = Choices.Select(c => quoted ? $"'{c}'" : c).ToList();
        return items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];
    }
}

public sealed record ConfigNumber(string Description, bool WholeNumber = false, double? Minimum = null, double? Maximum = null, bool Positive = false)
    : ConfigShape(Description);

public sealed record ConfigFlag(string Description) : ConfigShape(Description);
