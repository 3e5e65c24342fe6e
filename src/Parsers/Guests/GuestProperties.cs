using System.Collections;
using System.Diagnostics.CodeAnalysis;
using PveLint.Model;

namespace PveLint.Guests;

/// <summary>
/// The properties of a guest's current config: a view of the parser's last entry per key (no dictionary is copied
/// per guest), with <c>description</c> as qemu-server and pve-container join it from the <c>#</c> and
/// <c>description:</c> lines. Enumerates in the order the keys first appear in the file.
/// </summary>
internal sealed class GuestProperties(OrdinalMap<GuestEntry> effective, Located<string>? description)
    : IReadOnlyDictionary<string, Located<string>>
{
    private const string DescriptionKey = "description";

    /// <summary>Whether the joined description is a key the entries do not have.</summary>
    private bool DescriptionAdded => description is not null && !effective.ContainsKey(DescriptionKey);

    public int Count => effective.Count + (DescriptionAdded ? 1 : 0);

    public Located<string> this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not a property of this guest");

    public IEnumerable<string> Keys => this.Select(p => p.Key);

    public IEnumerable<Located<string>> Values => this.Select(p => p.Value);

    public bool ContainsKey(string key) => effective.ContainsKey(key) || (description is not null && key == DescriptionKey);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Located<string> value)
    {
        if (description is not null && key == DescriptionKey)
        {
            value = description;
            return true;
        }
        value = effective.TryGetValue(key, out var entry) ? entry.Value : null;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, Located<string>>> GetEnumerator()
    {
        foreach (var (key, entry) in effective)
            yield return new(key, description is not null && key == DescriptionKey ? description : entry.Value);
        if (DescriptionAdded) yield return new(DescriptionKey, description!);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
