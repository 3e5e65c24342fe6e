using System.Collections;
using System.Diagnostics.CodeAnalysis;
using PveLint.Model;

namespace PveLint.Guests;

/// <summary>
/// The properties of a guest's current config: a view of the parser's last entry per key (no dictionary is copied
/// per guest), with <c>description</c> as qemu-server and pve-container join it from the <c>#</c> and
/// <c>description:</c> lines, joined when first asked for (most guests have one, and few rules read it).
/// Enumerates in the order the keys first appear in the file.
/// </summary>
internal sealed class GuestProperties(GuestSection main) : IReadOnlyDictionary<string, Located<string>>
{
    private const string DescriptionKey = "description";

    /// <summary>Stands for "joined, and there is none" in <see cref="_description"/>.</summary>
    private static readonly Located<string> NoDescription = new("", default);

    private readonly OrdinalMap<GuestEntry> effective = main.Effective;

    private Located<string>? _description; // one reference, so a racing reader sees it joined or not at all

    private Located<string>? JoinedDescription
    {
        get
        {
            var joined = _description ??= main.Description ?? NoDescription;
            return ReferenceEquals(joined, NoDescription) ? null : joined;
        }
    }

    private bool HasDescription => main.HasDescription;

    /// <summary>Whether the joined description is a key the entries do not have.</summary>
    private bool DescriptionAdded => HasDescription && !effective.ContainsKey(DescriptionKey);

    public int Count => effective.Count + (DescriptionAdded ? 1 : 0);

    public Located<string> this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not a property of this guest");

    public IEnumerable<string> Keys => this.Select(p => p.Key);

    public IEnumerable<Located<string>> Values => this.Select(p => p.Value);

    public bool ContainsKey(string key) => effective.ContainsKey(key) || (key == DescriptionKey && HasDescription);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Located<string> value)
    {
        if (key == DescriptionKey && HasDescription)
        {
            value = JoinedDescription!;
            return true;
        }
        value = effective.TryGetValue(key, out var entry) ? entry.Value : null;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, Located<string>>> GetEnumerator()
    {
        foreach (var (key, entry) in effective)
            yield return new(key, key == DescriptionKey && HasDescription ? JoinedDescription! : entry.Value);
        if (DescriptionAdded) yield return new(DescriptionKey, JoinedDescription!);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
