namespace PveLint.Model;

/// <summary>
/// A set of small non-negative integers (OSD ids, node positions) as one bit each: what the simulation makes for
/// every scenario, where a HashSet of a few hundred ids was kilobytes. Enumerates in ascending order. An id outside
/// the dense range (negative, or past <see cref="MaxDenseId"/>: a hand-written dump may hold any number) is kept
/// aside in a small HashSet, so nothing is lost and no huge bitmap is made.
/// </summary>
public sealed class DenseIntSet : MembershipSet<int>
{
    public const int MaxDenseId = 1 << 20;

    private ulong[] _bits;
    private HashSet<int>? _outside;

    /// <param name="maxId">The largest id expected (the bitmap is sized for it; it grows for larger ones).</param>
    public DenseIntSet(int maxId = 63) => _bits = new ulong[Math.Clamp(maxId, 0, MaxDenseId) / 64 + 1];

    public override int Count => _count;

    private int _count;

    /// <summary>Adds <paramref name="id"/>; whether it was new.</summary>
    public bool Add(int id)
    {
        if (id < 0 || id > MaxDenseId)
        {
            if (!(_outside ??= []).Add(id)) return false;
            _count++;
            return true;
        }
        var word = id >> 6;
        if (word >= _bits.Length) Array.Resize(ref _bits, Math.Max(word + 1, _bits.Length * 2));
        var mask = 1UL << id;
        if ((_bits[word] & mask) != 0) return false;
        _bits[word] |= mask;
        _count++;
        return true;
    }

    public override bool Contains(int item)
    {
        if (item < 0 || item > MaxDenseId) return _outside?.Contains(item) == true;
        var word = item >> 6;
        return word < _bits.Length && (_bits[word] & (1UL << item)) != 0;
    }

    /// <summary>Whether both hold the same ids (by content: sets of the same ids may have bitmaps of other lengths).</summary>
    public bool SameIds(DenseIntSet other)
    {
        if (_count != other._count) return false;
        var (shorter, longer) = _bits.Length <= other._bits.Length ? (_bits, other._bits) : (other._bits, _bits);
        if (!shorter.AsSpan().SequenceEqual(longer.AsSpan(0, shorter.Length))) return false;
        if (longer.AsSpan(shorter.Length).ContainsAnyExcept(0UL)) return false;
        return (_outside?.Count ?? 0) == (other._outside?.Count ?? 0) && (_outside is null || _outside.SetEquals(other._outside!));
    }

    /// <summary>A hash of the ids that agrees with <see cref="SameIds"/>.</summary>
    public int IdsHash()
    {
        var hash = new HashCode();
        hash.Add(_count);
        var last = _bits.AsSpan().LastIndexOfAnyExcept(0UL);
        for (var i = 0; i <= last; i++) hash.Add(_bits[i]);
        return hash.ToHashCode();
    }

    public override IEnumerator<int> GetEnumerator()
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
}
