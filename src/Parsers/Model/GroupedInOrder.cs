using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace PveLint.Model;

/// <summary>
/// The items of a list by key, each key's items in list order: counted first, so each key's array is made once at
/// its size, and looked up through one map (tens of thousands of guests and replication jobs; GroupBy grew a list
/// per key and copied it, and a second map of arrays cost as much again).
/// </summary>
internal sealed class GroupedInOrder<TKey, T>
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _slots;
    private readonly T[][] _items;

    public GroupedInOrder(ImmutableArray<T> items, Func<T, TKey> keyOf, IEqualityComparer<TKey> comparer)
    {
        _slots = new Dictionary<TKey, int>(comparer);
        var counts = new List<int>();
        foreach (var item in items)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, keyOf(item), out var exists);
            if (!exists)
            {
                slot = counts.Count;
                counts.Add(0);
            }
            counts[slot]++;
        }
        _items = new T[counts.Count][];
        for (var i = 0; i < _items.Length; i++) _items[i] = new T[counts[i]];
        var filled = new int[counts.Count];
        foreach (var item in items)
        {
            var slot = _slots[keyOf(item)];
            _items[slot][filled[slot]++] = item;
        }
    }

    /// <summary>The items with this key, in list order; none when the key has none.</summary>
    public ImmutableArray<T> Of(TKey key) => _slots.TryGetValue(key, out var slot) ? ImmutableCollectionsMarshal.AsImmutableArray(_items[slot]) : [];
}
