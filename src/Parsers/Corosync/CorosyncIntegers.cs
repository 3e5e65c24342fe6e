namespace PveLint.Corosync;

/// <summary>
/// corosync's integer conversions (coroparse.c <c>safe_atoq</c> and <c>str_to_ull</c>): C <c>strtoll</c>/<c>strtoull</c>
/// in base 10, which skip leading white space and take one sign; the whole string must be consumed and, for
/// <c>safe_atoq</c>, the value must lie in the key's range. So <c>yes</c>, <c>""</c>, <c>1.5</c> and <c>0x10</c> fail.
/// </summary>
internal static class CorosyncIntegers
{
    /// <summary>safe_atoq: a signed value within [min, max].</summary>
    public static bool TryParse(string text, long min, long max, out long value)
    {
        value = 0;
        if (!TryMagnitude(text, out var negative, out var magnitude)) return false;
        // strtoll: ERANGE outside [long.MinValue, long.MaxValue]
        if (!negative && magnitude > long.MaxValue) return false;
        if (negative && magnitude > (ulong)long.MaxValue + 1) return false;
        var v = negative ? unchecked(-(long)magnitude) : (long)magnitude;
        if (v < min || v > max) return false;
        value = v;
        return true;
    }

    /// <summary>str_to_ull: strtoull accepts a '-' and negates in unsigned arithmetic ("-1" is 2^64-1).</summary>
    public static bool TryParseUnsigned64(string text, out ulong value)
    {
        value = 0;
        if (!TryMagnitude(text, out var negative, out var magnitude)) return false;
        value = negative ? unchecked(0UL - magnitude) : magnitude;
        return true;
    }

    private static bool TryMagnitude(string text, out bool negative, out ulong magnitude)
    {
        negative = false;
        magnitude = 0;
        var i = 0;
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r') i++;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }
        var digits = 0;
        for (; i < text.Length && text[i] is >= '0' and <= '9'; i++, digits++)
        {
            var d = (ulong)(text[i] - '0');
            if (magnitude > (ulong.MaxValue - d) / 10) return false; // ERANGE
            magnitude = magnitude * 10 + d;
        }
        return digits > 0 && i == text.Length;
    }
}
