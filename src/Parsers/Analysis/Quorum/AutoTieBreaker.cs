using System.Collections.Immutable;

namespace PveLint.Analysis.Quorum;

public enum TieBreakerMode
{
    None,
    /// <summary>The lowest nodeid of the membership that was last quorate by votes.</summary>
    Lowest,
    /// <summary>The highest nodeid of the membership that was last quorate by votes.</summary>
    Highest,
    /// <summary>The first listed nodeid present, unless an earlier listed node may be on the other side.</summary>
    List,
}

/// <summary>votequorum's auto_tie_breaker setting after <c>parse_atb_string</c> (votequorum.c).</summary>
public sealed record AutoTieBreaker(TieBreakerMode Mode, ImmutableArray<int> NodeIds)
{
    public static AutoTieBreaker Off { get; } = new(TieBreakerMode.None, []);

    /// <summary>
    /// <c>auto_tie_breaker: 1</c> means lowest; <c>auto_tie_breaker_node</c> is 'lowest', 'highest' or a list of
    /// nodeids read with atoi/strtol (the list ends at the first 0 or non-number). Anything else disables ATB.
    /// </summary>
    public static AutoTieBreaker Parse(bool enabled, string? node)
    {
        if (!enabled) return Off;
        if (node is null) return new(TieBreakerMode.Lowest, []);
        if (node == "lowest") return new(TieBreakerMode.Lowest, []);
        if (node == "highest") return new(TieBreakerMode.Highest, []);
        var ids = StrtolList(node);
        return ids.IsEmpty ? Off : new(TieBreakerMode.List, ids);
    }

    public string Describe() => Mode switch
    {
        TieBreakerMode.Lowest => "lowest nodeid",
        TieBreakerMode.Highest => "highest nodeid",
        TieBreakerMode.List => "nodeid list " + string.Join(" ", NodeIds),
        _ => "off",
    };

    /// <summary>atoi(s) must be non-zero, then strtol repeatedly until it returns 0 (which also ends at a non-number).</summary>
    private static ImmutableArray<int> StrtolList(string text)
    {
        var result = ImmutableArray.CreateBuilder<int>();
        var i = 0;
        while (true)
        {
            var (value, next) = Strtol(text, i);
            if (value == 0) break;
            result.Add(value);
            i = next;
        }
        return result.ToImmutable();
    }

    private static (int Value, int Next) Strtol(string s, int i)
    {
        var start = i;
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\r' or '\f' or '\v') i++;
        var negative = false;
        if (i < s.Length && s[i] is '+' or '-') { negative = s[i] == '-'; i++; }
        long value = 0;
        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            value = Math.Min(value * 10 + (s[i] - '0'), int.MaxValue);
            i++;
            digits++;
        }
        if (digits == 0) return (0, start);
        return ((int)(negative ? -value : value), i);
    }
}
