using System.Runtime.CompilerServices;

namespace PveLint.Model;

/// <summary>
/// One key array for maps with the same keys in the same order: the sections of a large file and the guests made
/// from one template list the same few keys thousands of times (<c>state</c>, <c>max_relocate</c>; <c>boot</c>,
/// <c>cores</c> ... <c>tags</c>). A small cache per thread of the key lists seen last; a map never changes its keys,
/// so they can be shared.
/// </summary>
internal static class SharedKeyArrays
{
    private const int Slots = 64;

    [ThreadStatic] private static (string[] Keys, int Count)[]? t_slots;

    /// <summary>An array whose first <paramref name="count"/> keys are those of <paramref name="keys"/>: a cached one, or <paramref name="keys"/> itself (then cached).</summary>
    public static string[] Share(string[] keys, int count)
    {
        if (count == 0) return keys;
        var slots = t_slots ??= new (string[], int)[Slots];
        // Keys are shared strings (one per key name), so identity is a cheap hash of the first and last.
        var slot = (int)((uint)(RuntimeHelpers.GetHashCode(keys[0]) * 31 + RuntimeHelpers.GetHashCode(keys[count - 1]) + count) % Slots);
        var (cached, cachedCount) = slots[slot];
        if (cachedCount == count && Same(cached, keys, count)) return cached;
        slots[slot] = (keys, count);
        return keys;
    }

    private static bool Same(string[] a, string[] b, int count)
    {
        for (var i = 0; i < count; i++)
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal)) return false;
        return true;
    }
}
