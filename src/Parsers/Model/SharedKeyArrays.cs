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

    [ThreadStatic] private static string[]?[]? t_slots;

    /// <summary>
    /// An array of the first <paramref name="count"/> keys of <paramref name="keys"/> (a builder's, which it uses
    /// again): a cached one, or a copy (then cached).
    /// </summary>
    public static string[] Share(string[] keys, int count)
    {
        if (count == 0) return [];
        var slots = t_slots ??= new string[Slots][];
        // Keys are shared strings (one per key name), so identity is a cheap hash of the first and last.
        var slot = (int)((uint)(RuntimeHelpers.GetHashCode(keys[0]) * 31 + RuntimeHelpers.GetHashCode(keys[count - 1]) + count) % Slots);
        var cached = slots[slot];
        if (cached is not null && cached.Length == count && Same(cached, keys, count)) return cached;
        return slots[slot] = keys[..count];
    }

    private static bool Same(string[] a, string[] b, int count)
    {
        for (var i = 0; i < count; i++)
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal)) return false;
        return true;
    }
}
