using System.Globalization;

namespace PveLint.Ceph.Crush;

/// <summary>
/// Number shapes of the CRUSH grammar and CRUSH's 16.16 fixed-point weights (65536 = 1.0).
/// </summary>
public static class CrushNumbers
{
    public const double FixedOne = 0x10000;

    /// <summary>CRUSH_MAX_DEVICE_WEIGHT: crushtool refuses a device weight above 100.</summary>
    public const long MaxDeviceWeightFixed = 100L * 0x10000;

    /// <summary>CRUSH_MAX_BUCKET_WEIGHT: crushtool refuses a bucket item weight above 65535.</summary>
    public const long MaxBucketWeightFixed = 65535L * 0x10000;

    public static bool IsPosInt(string s)
    {
        if (s.Length == 0) return false;
        foreach (var c in s)
            if (c is < '0' or > '9') return false;
        return true;
    }

    public static bool IsInt(string s) => s.StartsWith('-') ? IsPosInt(s[1..]) : IsPosInt(s);

    /// <summary>Boost.Spirit's <c>real_p</c> within a name token: -?(d+(.d*)?|.d+)([eE][+-]?d+)?</summary>
    public static bool IsReal(string s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-') i++;
        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-') i++;
            var exp = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; exp++; }
            if (exp == 0) return false;
        }
        return i == s.Length;
    }

    public static bool TryInt(string s, out int value) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>A <c>choose_args</c> id is a u64 (-1 prints as 18446744073709551615); returned as the signed value.</summary>
    public static bool TryChooseArgsId(string s, out long value)
    {
        if (ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var u))
        {
            value = unchecked((long)u);
            return true;
        }
        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// The weight crushtool stores for a weight written in the text map: CrushCompiler does
    /// <c>(unsigned)(strtof(text) * (float)0x10000)</c>, i.e. single precision, truncated. So "0.873" becomes 57212.
    /// Returns false for text that is not a finite number.
    /// </summary>
    public static bool TryFixedWeight(string text, out long fixedWeight)
    {
        fixedWeight = 0;
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) || !float.IsFinite(f)) return false;
        var scaled = f * (float)FixedOne;
        if (!float.IsFinite(scaled)) return false;
        fixedWeight = scaled <= 0 ? 0 : scaled >= uint.MaxValue ? uint.MaxValue : (long)(uint)scaled;
        return f >= 0;
    }

    public static double FromFixed(long fixedWeight) => fixedWeight / FixedOne;
}
