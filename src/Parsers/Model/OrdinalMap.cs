using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PveLint.Model;

/// <summary>
/// A read-only map from ordinal string keys, for the model's many small per-section tables (a guest's effective
/// keys, a section-config entry's properties): two arrays in the order given, searched one by one up to
/// <see cref="ScanLimit"/> keys and through a hash index beyond. A large cluster keeps tens of thousands of these,
/// where a Dictionary costs about three times the memory and an ImmutableDictionary five.
/// </summary>
public sealed class OrdinalMap<TValue> : IReadOnlyDictionary<string, TValue>
{
    /// <summary>Up to this many keys, comparing each is as fast as hashing one, and needs no index.</summary>
    private const int ScanLimit = 16;

    private readonly string[] keys;
    private readonly TValue[] values;
    private readonly Dictionary<string, int>? index;

    public static OrdinalMap<TValue> Empty { get; } = new([], []);

    private OrdinalMap(string[] keys, TValue[] values)
    {
        this.keys = keys;
        this.values = values;
        if (keys.Length > ScanLimit)
        {
            index = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++) index[keys[i]] = i;
        }
    }

    /// <summary>The pairs in their order; the keys must be distinct (they come from a dictionary).</summary>
    public static OrdinalMap<TValue> From(IReadOnlyCollection<KeyValuePair<string, TValue>> pairs)
    {
        if (pairs.Count == 0) return Empty;
        var keys = new string[pairs.Count];
        var values = new TValue[pairs.Count];
        var i = 0;
        foreach (var (key, value) in pairs)
        {
            keys[i] = key;
            values[i++] = value;
        }
        return new OrdinalMap<TValue>(keys, values);
    }

    public int Count => keys.Length;

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not in this map");

    public IEnumerable<string> Keys => keys;

    public IEnumerable<TValue> Values => values;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        var at = IndexOf(key);
        value = at >= 0 ? values[at] : default;
        return at >= 0;
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        for (var i = 0; i < keys.Length; i++) yield return new(keys[i], values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (index is not null) return index.GetValueOrDefault(key, -1);
        for (var i = 0; i < keys.Length; i++)
            if (string.Equals(keys[i], key, StringComparison.Ordinal)) return i;
        return -1;
    }
}
