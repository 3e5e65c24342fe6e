using System.Collections;

namespace PveLint.Analysis.Quorum;

/// <summary>
/// An immutable set of corosync node ids, held as one sorted array. qnetd's decisions make a few such sets per
/// membership step of every scenario; an ImmutableHashSet of 64 ids was a tree of 64 nodes, this is 64 ints.
/// Enumerates in ascending order.
/// </summary>
public sealed class NodeIdSet : IReadOnlyCollection<int>
{
    private readonly int[] _ids;

    private NodeIdSet(int[] sortedDistinct) => _ids = sortedDistinct;

    public static NodeIdSet Empty { get; } = new([]);

    public static NodeIdSet Of(IEnumerable<int> ids)
    {
        var array = ids.ToArray();
        if (array.Length == 0) return Empty;
        Array.Sort(array);
        var distinct = 1;
        for (var i = 1; i < array.Length; i++)
            if (array[i] != array[distinct - 1]) array[distinct++] = array[i];
        return new NodeIdSet(distinct == array.Length ? array : array[..distinct]);
    }

    /// <summary>
    /// The set of <paramref name="ids"/>, keeping the array itself when it is sorted without repeats (else as
    /// <see cref="Of"/>): the caller must never write to it again. qnetd's decisions ack whole partitions, every scenario.
    /// </summary>
    internal static NodeIdSet Sharing(int[] ids)
    {
        for (var i = 1; i < ids.Length; i++)
            if (ids[i] <= ids[i - 1]) return Of(ids);
        return ids.Length == 0 ? Empty : new NodeIdSet(ids);
    }

    public int Count => _ids.Length;

    public bool IsEmpty => _ids.Length == 0;

    public bool Contains(int id) => Array.BinarySearch(_ids, id) >= 0;

    public bool Overlaps(IEnumerable<int> other) => other.Any(Contains);

    /// <summary>Whether <paramref name="other"/> holds exactly these ids (repeats in it are ignored).</summary>
    public bool SetEquals(IEnumerable<int> other) => other.All(Contains) && Of(other).Count == _ids.Length;

    public NodeIdSet Union(IEnumerable<int> other) => Of(_ids.Concat(other));

    public NodeIdSet Intersect(IEnumerable<int> other) => Of(other.Where(Contains));

    public NodeIdSet Except(IEnumerable<int> other)
    {
        var removed = other as ISet<int> ?? other.ToHashSet();
        return Of(_ids.Where(id => !removed.Contains(id)));
    }

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)_ids).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
