using PveLint.Text;
namespace PveLint.Text;

/// <summary>
/// The few pieces of Perl string semantics the PVE parsers rely on. PVE reads its files as raw bytes, so Perl's
/// <c>\s</c> matches only ASCII whitespace (<c>[ \t\n\v\f\r]</c>) and <c>\d</c> only ASCII digits: a no-break space
/// is a non-space character to PVE, and so it is here.
/// </summary>
public static class PerlText
{
    /// <summary>Perl's <c>lc</c> on a byte string: only A-Z change (ToLowerInvariant would also fold U+212A KELVIN SIGN and other non-ASCII letters).</summary>
    public static string Lc(string text) => !HasAsciiUpper(text) ? text : string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++) span[i] = source[i] is >= 'A' and <= 'Z' ? (char)(source[i] + 32) : source[i];
    });

    // A loop, not ContainsAnyInRange: on the net8.0 library that boxes each bound (seen in allocation traces).
    private static bool HasAsciiUpper(string text)
    {
        foreach (var c in text)
            if (c is >= 'A' and <= 'Z') return true;
        return false;
    }

    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>True when every character is an ASCII digit (also for an empty text: callers check the length).</summary>
    public static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (!IsDigit(c)) return false;
        return true;
    }

    public static bool IsAsciiLetterOrDigit(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';

    /// <summary>Index of the first non-space character at or after <paramref name="start"/> (or the length).</summary>
    public static int SkipSpaces(ReadOnlySpan<char> text, int start, int end)
    {
        while (start < end && IsSpace(text[start])) start++;
        return start;
    }

    /// <summary>End (exclusive) of <c>text[start..end]</c> without its trailing spaces.</summary>
    public static int TrimEnd(ReadOnlySpan<char> text, int start, int end)
    {
        while (end > start && IsSpace(text[end - 1])) end--;
        return end;
    }

    /// <summary>True when the text is empty or holds only (Perl) whitespace (<c>/^\s*$/</c>).</summary>
    public static bool IsBlank(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (!IsSpace(c)) return false;
        return true;
    }

    /// <summary>
    /// pve-common <c>split_list</c> (ParseUtils.pm): if the text holds a NUL it is split on NUL only; otherwise ',' and
    /// ';' count as spaces and the text is split on runs of whitespace. Returns each item with its offset in
    /// <paramref name="text"/>. Empty items only occur in the NUL form, as in Perl. A foreach over it allocates
    /// nothing but the items (every rule's resources and nodes are split, and their values checked, this way).
    /// </summary>
    public static PerlListItems SplitList(string text) => new(text);

    /// <summary>The NUL form of <see cref="SplitList"/>: every field, but the trailing empty ones (Perl's split drops them).</summary>
    internal static List<(int Offset, string Text)> SplitOnNul(string text)
    {
        var parts = new List<(int, string)>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\0') continue;
            parts.Add((start, text[start..i]));
            start = i + 1;
        }
        while (parts.Count > 0 && parts[^1].Item2.Length == 0) parts.RemoveAt(parts.Count - 1);
        return parts;
    }

    internal static bool IsListSeparator(char c) => c is ',' or ';' || IsSpace(c);

    /// <summary>Perl's truth of a string: undef, "" and "0" are false.</summary>
    public static bool IsTrue(string? text) => !string.IsNullOrEmpty(text) && text != "0";
}
