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

    // The value array may be longer than count: a builder hands it over as it is, sized from the lines it read. The
    // key array is exact, and maps with the same keys in the same order share one (SharedKeyArrays): keys never change.
    private readonly string[] keys;
    private readonly TValue[] values;
    private readonly int count;
    private readonly Dictionary<string, int>? index;

    public static OrdinalMap<TValue> Empty { get; } = new([], [], 0);

    private OrdinalMap(string[] keys, TValue[] values, int count, Dictionary<string, int>? index = null)
    {
        this.keys = keys;
        this.values = values;
        this.count = count;
        this.index = count > ScanLimit ? index ?? IndexOf(keys, count) : null;
    }

    private static Dictionary<string, int> IndexOf(string[] keys, int count)
    {
        var index = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++) index[keys[i]] = i;
        return index;
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
        return new OrdinalMap<TValue>(keys, values, keys.Length);
    }

    public int Count => count;

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not in this map");

    public IEnumerable<string> Keys => count == keys.Length ? keys : new ArraySegment<string>(keys, 0, count);

    public IEnumerable<TValue> Values => count == values.Length ? values : new ArraySegment<TValue>(values, 0, count);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        var at = IndexOf(key);
        value = at >= 0 ? values[at] : default;
        return at >= 0;
    }

    /// <summary>A struct enumerator: a foreach over the map itself (not over the interface) allocates nothing.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, TValue>> IEnumerable<KeyValuePair<string, TValue>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return index is not null ? index.GetValueOrDefault(key, -1) : Scan(keys, count, key);
    }

    private static int Scan(string[] keys, int count, string key)
    {
        for (var i = 0; i < count; i++)
            if (string.Equals(keys[i], key, StringComparison.Ordinal)) return i;
        return -1;
    }

    public struct Enumerator(OrdinalMap<TValue> map) : IEnumerator<KeyValuePair<string, TValue>>
    {
        private int _at = -1;

        public readonly KeyValuePair<string, TValue> Current => new(map.keys[_at], map.values[_at]);

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_at < map.count;

        public void Reset() => _at = -1;

        public readonly void Dispose()
        {
        }
    }

    /// <summary>
    /// Builds a map key by key, in the order keys are first added, searching as the map does; what parsers fill
    /// while they read, so no dictionary is made only to be copied.
    /// </summary>
    public sealed class Builder
    {
        private string[] _keys;
        private TValue[] _values;
        private int _count;
        private Dictionary<string, int>? _index;
        private bool _valuesHandedOver; // ToMap gave the value array to a map: the next map needs a new one

        public Builder(int capacity = 0)
        {
            _keys = [];
            _values = [];
            Reset(capacity);
        }

        /// <summary>
        /// Starts a new map with room for <paramref name="capacity"/> keys. The key array is the builder's own and serves
        /// again; so does the value array, unless <see cref="ToMap()"/> handed it over to the last map.
        /// </summary>
        public void Reset(int capacity)
        {
            if (_keys.Length < capacity) _keys = new string[capacity];
            else Array.Clear(_keys, 0, _count);
            if (_valuesHandedOver || _values.Length < capacity) _values = capacity == 0 ? [] : new TValue[capacity];
            else Array.Clear(_values, 0, _count);
            _valuesHandedOver = false;
            _count = 0;
            _index = null;
        }

        public int Count => _count;

        public bool ContainsKey(string key) => Find(key) >= 0;

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
        {
            var at = Find(key);
            value = at >= 0 ? _values[at] : default;
            return at >= 0;
        }

        /// <summary>Adds the pair unless the key is there (the first value is kept); whether it was added.</summary>
        public bool TryAdd(string key, TValue value)
        {
            if (Find(key) >= 0) return false;
            Append(key, value);
            return true;
        }

        /// <summary>Sets the key's value: a key already there keeps its place, a new one goes last.</summary>
        public void Set(string key, TValue value)
        {
            var at = Find(key);
            if (at >= 0) _values[at] = value;
            else Append(key, value);
        }

        /// <summary>The map of the pairs so far, on the builder's value array (not copied): the builder must not be used after, but for a <see cref="Reset"/>.</summary>
        /// <remarks>The keys are copied, or shared with an earlier map of the same keys (<see cref="SharedKeyArrays"/>): most builders are used again.</remarks>
        public OrdinalMap<TValue> ToMap()
        {
            if (_count == 0) return Empty;
            _valuesHandedOver = true;
            return new OrdinalMap<TValue>(SharedKeys(), _values, _count, _index);
        }

        /// <summary>
        /// The map of the pairs so far over <paramref name="values"/>, when its first <see cref="Count"/> items are this
        /// builder's values in order (a parser's list of every entry, when no key repeated), else null. The builder keeps
        /// its own array for the next map.
        /// </summary>
        public OrdinalMap<TValue>? ToMapOver(TValue[] values)
        {
            if (_count == 0) return Empty;
            if (values.Length < _count) return null;
            for (var i = 0; i < _count; i++)
                if (!ReferenceEquals(values[i], _values[i])) return null;
            return new OrdinalMap<TValue>(SharedKeys(), values, _count, _index);
        }

        private string[] SharedKeys() => _index is null ? SharedKeyArrays.Share(_keys, _count) : _keys[.._count];

        private int Find(string key)
        {
            ArgumentNullException.ThrowIfNull(key);
            return _index is not null ? _index.GetValueOrDefault(key, -1) : Scan(_keys, _count, key);
        }

        private void Append(string key, TValue value)
        {
            // The key array may be longer than the values' (it serves again after a Reset): each grows on its own.
            if (_count == _keys.Length) Array.Resize(ref _keys, Math.Max(4, _count * 2));
            if (_count == _values.Length) Array.Resize(ref _values, Math.Max(4, _count * 2));
            _keys[_count] = key;
            _values[_count] = value;
            _count++;
            if (_index is not null) _index[key] = _count - 1;
            else if (_count > ScanLimit) _index = IndexOf(_keys, _count);
        }
    }
}
