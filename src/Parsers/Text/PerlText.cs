namespace PveLint.Text;

/// <summary>Character classes of the Perl regexes PVE's parsers use, on the byte strings they read.</summary>
public static class PerlText
{
    /// <summary>Perl's <c>\s</c>: space, TAB, LF, CR, FF, VT.</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    /// <summary>True when the text is empty or only <c>\s</c> characters (<c>/^\s*$/</c>).</summary>
    public static bool IsBlank(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (!IsSpace(c)) return false;
        return true;
    }
}
