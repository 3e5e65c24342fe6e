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

/// <summary>A key and its value. A bare flag (<c>disable</c>) has the value "1" and an empty value span.</summary>
public sealed record SectionProperty(Located<string> Key, Located<string> Value, bool IsBareFlag = false);

/// <summary>A <c>node[:priority]</c> element of a node list (groups.cfg, node-affinity rules).</summary>
public sealed record NodePriority(Located<string> Node, int Priority);
