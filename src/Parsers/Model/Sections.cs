using PveLint.Text;

namespace PveLint.Model;

/// <summary>
/// One section of a PVE section-config file (storage.cfg, replication.cfg, ha/*.cfg) as PVE keeps it:
/// type and id from the header, the properties PVE accepted (first of duplicates; unknown keys dropped).
/// </summary>
public sealed record SectionEntry(
    string Path,
    string Type,
    Located<string> Id,
    SourceSpan HeaderSpan,
    IReadOnlyDictionary<string, SectionProperty> Properties,
    SourceSpan Span)
{
    public Located<string>? Get(string key) => Properties.TryGetValue(key, out var p) ? p.Value : null;

    public bool Has(string key) => Properties.ContainsKey(key);
}

/// <summary>
/// A key and its value. A bare flag (<c>disable</c>) has the value "1" and an empty value span. The key is kept as
/// its text and where it starts (a large cluster has tens of thousands of these); <see cref="Key"/> is made when asked.
/// </summary>
public sealed record SectionProperty(string KeyText, int KeyLine, int KeyColumn, Located<string> Value, bool IsBareFlag = false)
{
    public SectionProperty(Located<string> key, Located<string> value, bool isBareFlag = false)
        : this(key.Value, key.Span.Line, key.Span.Column, value, isBareFlag)
    {
    }

    /// <summary>The key, on the value's line (keys hold no line break).</summary>
    public SourceSpan KeySpan => SourceSpan.OnLine(Value.Span.Path, KeyLine, KeyColumn, KeyText.Length);

    public Located<string> Key => new(KeyText, KeySpan);
}

/// <summary>A <c>node[:priority]</c> element of a node list (groups.cfg, node-affinity rules).</summary>
public sealed record NodePriority(Located<string> Node, int Priority);
