using System.Collections;

namespace PveLint.Model;

/// <summary>
/// A set of small non-negative integers (OSD ids, node positions) as one bit each: what the simulation makes for
/// every scenario, where a HashSet of a few hundred ids was kilobytes. Enumerates in ascending order. An id outside
/// the dense range (negative, or past <see cref="MaxDenseId"/>: a hand-written dump may hold any number) is kept
/// aside in a small HashSet, so nothing is lost and no huge bitmap is made.
/// </summary>
public sealed class DenseIntSet : IReadOnlySet<int>
{
    public const int MaxDenseId = 1 << 20;

    private ulong[] _bits;
    private HashSet<int>? _outside;

    /// <param name="maxId">The largest id expected (the bitmap is sized for it; it grows for larger ones).</param>
    public DenseIntSet(int maxId = 63) => _bits = new ulong[Math.Clamp(maxId, 0, MaxDenseId) / 64 + 1];

    public int Count { get; private set; }

    /// <summary>Adds <paramref name="id"/>; whether it was new.</summary>
    public bool Add(int id)
    {
        if (id < 0 || id > MaxDenseId)
        {
            if (!(_outside ??= []).Add(id)) return false;
            Count++;
            return true;
        }
        var word = id >> 6;
        if (word >= _bits.Length) Array.Resize(ref _bits, Math.Max(word + 1, _bits.Length * 2));
        var mask = 1UL << id;
        if ((_bits[word] & mask) != 0) return false;
        _bits[word] |= mask;
        Count++;
        return true;
    }

    public bool Contains(int item)
    {
        if (item < 0 || item > MaxDenseId) return _outside?.Contains(item) == true;
        var word = item >> 6;
        return word < _bits.Length && (_bits[word] & (1UL << item)) != 0;
    }

    public IEnumerator<int> GetEnumerator()
    {
        var outside = _outside?.Order().ToList();
        if (outside is not null)
            foreach (var id in outside.Where(id => id < 0)) yield return id;
        for (var word = 0; word < _bits.Length; word++)
            for (var bits = _bits[word]; bits != 0; bits &= bits - 1)
                yield return word * 64 + System.Numerics.BitOperations.TrailingZeroCount(bits);
        if (outside is not null)
            foreach (var id in outside.Where(id => id > MaxDenseId)) yield return id;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The set algebra is never on a scenario's hot path: answered through a HashSet of the same ids.
    private HashSet<int> AsHashSet() => [.. this];

    public bool IsProperSubsetOf(IEnumerable<int> other) => AsHashSet().IsProperSubsetOf(other);

    public bool IsProperSupersetOf(IEnumerable<int> other) => AsHashSet().IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<int> other) => AsHashSet().IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<int> other) => AsHashSet().IsSupersetOf(other);

    public bool Overlaps(IEnumerable<int> other) => other.Any(Contains);

    public bool SetEquals(IEnumerable<int> other) => AsHashSet().SetEquals(other);
}
