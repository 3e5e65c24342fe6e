namespace PveLint.Text;

/// <summary>
/// One string for a short value that repeats across files: guest configs and section configs of a large cluster
/// say <c>1</c>, <c>host</c>, <c>l26</c>, <c>started</c> or <c>virtio-scsi-single</c> tens of thousands of times.
/// A small direct-mapped cache per thread (files are read on every core): a hit returns the string made before, a
/// miss makes one and keeps it in that slot. Long values are unique, so they are not cached.
/// </summary>
public static class RepeatedValues
{
    private const int MaxLength = 32;
    private const int Slots = 4096; // a power of two: the slot is the hash's low bits

    [ThreadStatic] private static string?[]? t_slots;

    /// <summary>The characters as a string, shared with an equal value made earlier on this thread when one is at hand.</summary>
    public static string Of(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty) return "";
        if (chars.Length > MaxLength) return chars.ToString();
        var slots = t_slots ??= new string?[Slots];
        ref var slot = ref slots[string.GetHashCode(chars) & (Slots - 1)];
        if (slot is { } made && chars.SequenceEqual(made)) return made;
        return slot = chars.ToString();
    }
}
