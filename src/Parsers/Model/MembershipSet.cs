using System.Collections;

namespace PveLint.Model;

/// <summary>
/// The set algebra of <see cref="IReadOnlySet{T}"/> for compact sets that know only membership, size and order
/// (<see cref="DenseIntSet"/>, the simulation's quorate nodes): answered through a HashSet of the same items, as
/// no scenario's hot path asks for it.
/// </summary>
public abstract class MembershipSet<T>(IEqualityComparer<T>? comparer = null) : IReadOnlySet<T>
{
    public abstract int Count { get; }

    public abstract bool Contains(T item);

    public abstract IEnumerator<T> GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private HashSet<T> AsHashSet() => new(this, comparer);

    public bool IsProperSubsetOf(IEnumerable<T> other) => AsHashSet().IsProperSubsetOf(other);

    public bool IsProperSupersetOf(IEnumerable<T> other) => AsHashSet().IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<T> other) => AsHashSet().IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<T> other) => AsHashSet().IsSupersetOf(other);

    public bool Overlaps(IEnumerable<T> other) => other.Any(Contains);

    public bool SetEquals(IEnumerable<T> other) => AsHashSet().SetEquals(other);
}
