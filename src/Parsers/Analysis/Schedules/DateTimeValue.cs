namespace PveLint.Analysis.Schedules;

/// <summary>
/// One item of a calendar-event field, as proxmox-time's <c>DateTimeValue</c>: a single value <c>5</c>, a range
/// <c>8..17</c>, or a repetition <c>start/step</c> with an optional end (<c>8..17/2</c>; <c>*/15</c> is
/// <c>0/15</c>). A repetition with step 0 matches only its start.
/// </summary>
public sealed record DateTimeValue(uint Start, uint? End, uint? Step)
{
    public static DateTimeValue Single(uint value) => new(value, null, null);

    public static DateTimeValue Range(uint start, uint end) => new(start, end, null);

    public static DateTimeValue Repeated(uint start, uint step, uint? end = null) => new(start, end, step);

    public bool Contains(uint value)
    {
        if (Step is not { } step) return End is { } end ? value >= Start && value <= end : value == Start;
        if (value < Start) return false;
        if (step == 0) return value == Start;
        return (value - Start) % step == 0 && (End is not { } last || value <= last);
    }

    /// <summary>The smallest value this item yields that is greater than <paramref name="value"/>, if any.
    /// Like proxmox-time it may exceed the field's range (minute 60, hour 25): the caller's date arithmetic
    /// carries it into the next hour or day.</summary>
    public uint? NextAfter(uint value)
    {
        if (Step is not { } step)
        {
            if (End is not { } end) return Start > value ? Start : null;
            if (value < Start) return Start;
            var n = value + 1;
            return n >= Start && n <= end ? n : null;
        }
        if (value < Start) return Start;
        if (step == 0) return null;
        var next = Start + (value - Start + step) / step * step;
        return End is { } last && next > last ? null : next;
    }

    public static bool ListContains(IReadOnlyList<DateTimeValue> list, uint value)
    {
        foreach (var item in list)
            if (item.Contains(value)) return true;
        return false;
    }

    /// <summary>proxmox-time's <c>find_next</c>: the smallest next value over the list.</summary>
    public static uint? FindNext(IReadOnlyList<DateTimeValue> list, uint value)
    {
        uint? best = null;
        foreach (var item in list)
            if (item.NextAfter(value) is { } n && (best is null || n < best)) best = n;
        return best;
    }

    public override string ToString() => Step switch
    {
        null when End is { } end => $"{Start}..{end}",
        null => Start.ToString(System.Globalization.CultureInfo.InvariantCulture),
        { } step when End is { } end => $"{Start}..{end}/{step}",
        { } step => $"{Start}/{step}",
    };
}
