using System.Collections.Immutable;

namespace PveLint.Analysis.Schedules;

/// <summary>
/// proxmox-time's calendar-event grammar (<c>calendar_event.rs</c>, nom parsers), mirrored step by step so that
/// PVE's backtracking decides the same way: <c>[WEEKDAYS] [[YEARS-]MONTHS-DAYS] [HOURS:]MINUTES[:SECONDS] [UTC]</c>
/// or one of the keywords. Every failure is recoverable (nom's <c>Err::Error</c>), so an optional part that fails
/// simply is not there. See docs/calendar-events.md.
/// </summary>
internal sealed class CalendarEventParser
{
    private static readonly ImmutableArray<DateTimeValue> Zero = [DateTimeValue.Single(0)];

    private readonly string text;

    /// <summary>The deepest failure seen, for the message when the whole text is not accepted.</summary>
    private (int Position, string Reason) deepest = (-1, "");

    private CalendarEventParser(string text) => this.text = text;

    public static CalendarEventParse Parse(string written)
    {
        // PVE::CalendarEvent trims with Perl's \s before handing the text to Rust.
        var input = written.Trim(' ', '\t', '\n', '\r', '\f', '\v');
        if (input.Length == 0) return new CalendarEventParse(null, "event is empty");
        // proxmox-time strips a trailing "UTC" (no space needed before it), then trailing spaces.
        var utc = input.EndsWith("UTC", StringComparison.Ordinal);
        if (utc) input = input[..^3].TrimEnd(' ');
        return new CalendarEventParser(input).ParseBody(utc, written);
    }

    private CalendarEventParse ParseBody(bool utc, string written)
    {
        var ev = new CalendarEvent { Text = written, Utc = utc };
        if (Keyword(text, ev) is { } keyword) return new CalendarEventParse(keyword, null);

        var pos = 0;
        bool hasDays = false, hasDate = false, hasTime = false;
        if (text.Length > 0 && char.IsAsciiLetter(text[0]))
        {
            var days = WeekDays.None;
            if (!SeparatedList<WeekDays>(pos, WeekdayRange, out pos, out var ranges))
                return Failure();
            foreach (var range in ranges) days |= range;
            ev = ev with { Days = days };
            hasDays = true;
            pos = Spaces(pos);
        }

        if (DateSpec(pos, out var afterDate, out var date))
        {
            ev = ev with { Year = date.Year, Month = date.Month, Day = date.Day };
            hasDate = true;
            pos = Spaces(afterDate);
        }

        if (TimeSpec(pos, out var afterTime, out var time))
        {
            ev = ev with { Hour = time.Hour, Minute = time.Minute, Second = time.Second };
            hasTime = true;
            pos = afterTime;
        }
        else
        {
            ev = ev with { Hour = Zero, Minute = Zero, Second = Zero };
        }

        if (!(hasDays || hasDate || hasTime))
        {
            Fail(pos, "expected a weekday, date or time");
            return Failure();
        }
        if (pos < text.Length)
        {
            Fail(pos, "unexpected text");
            return Failure();
        }
        return new CalendarEventParse(ev, null);
    }

    private CalendarEventParse Failure()
    {
        var (position, reason) = deepest;
        var rest = position < 0 ? text : text[Math.Min(position, text.Length)..];
        return new CalendarEventParse(null, $"unable to parse calendar event at '{rest}' ({reason})");
    }

    private void Fail(int position, string reason)
    {
        if (position >= deepest.Position) deepest = (position, reason);
    }

    /// <summary>The keywords match the whole remaining text, case-sensitively.</summary>
    private static CalendarEvent? Keyword(string input, CalendarEvent ev)
    {
        ImmutableArray<DateTimeValue> V(params uint[] values) => values.Select(DateTimeValue.Single).ToImmutableArray();
        return input switch
        {
            "minutely" => ev with { Second = V(0) },
            "hourly" => ev with { Minute = V(0), Second = V(0) },
            "daily" => ev with { Hour = V(0), Minute = V(0), Second = V(0) },
            "weekly" => ev with { Hour = V(0), Minute = V(0), Second = V(0), Days = WeekDays.Monday },
            "monthly" => ev with { Hour = V(0), Minute = V(0), Second = V(0), Day = V(1) },
            "yearly" or "annually" => ev with { Hour = V(0), Minute = V(0), Second = V(0), Day = V(1), Month = V(1) },
            "quarterly" => ev with { Hour = V(0), Minute = V(0), Second = V(0), Day = V(1), Month = V(1, 4, 7, 10) },
            "semiannually" or "semi-annually" => ev with { Hour = V(0), Minute = V(0), Second = V(0), Day = V(1), Month = V(1, 7) },
            _ => null,
        };
    }

    private delegate bool Item<T>(int pos, out int next, out T value);

    /// <summary>nom's <c>separated_list1(tag(","), item)</c>: a failed item after a comma leaves the comma unread.</summary>
    private bool SeparatedList<T>(int pos, Item<T> item, out int next, out List<T> values)
    {
        values = [];
        next = pos;
        if (!item(pos, out var after, out var first)) return false;
        values.Add(first);
        next = after;
        while (next < text.Length && text[next] == ',')
        {
            if (!item(next + 1, out after, out var value)) break;
            values.Add(value);
            next = after;
        }
        return true;
    }

    private int Spaces(int pos)
    {
        while (pos < text.Length && text[pos] is ' ' or '\t') pos++;
        return pos;
    }

    private bool Tag(int pos, string tag, out int next)
    {
        next = pos + tag.Length;
        if (text.AsSpan(pos).StartsWith(tag, StringComparison.Ordinal)) return true;
        Fail(pos, $"expected '{tag}'");
        return false;
    }

    private bool Weekday(int pos, out int next, out WeekDays day)
    {
        next = pos;
        day = WeekDays.None;
        while (next < text.Length && char.IsAsciiLetter(text[next])) next++;
        var word = text[pos..next].ToLowerInvariant();
        day = word switch
        {
            "monday" or "mon" => WeekDays.Monday,
            "tuesday" or "tue" => WeekDays.Tuesday,
            "wednesday" or "wed" => WeekDays.Wednesday,
            "thursday" or "thu" => WeekDays.Thursday,
            "friday" or "fri" => WeekDays.Friday,
            "saturday" or "sat" => WeekDays.Saturday,
            "sunday" or "sun" => WeekDays.Sunday,
            _ => WeekDays.None,
        };
        if (day != WeekDays.None) return true;
        Fail(pos, "expected a weekday (mon..sun)");
        return false;
    }

    /// <summary><c>parse_weekdays_range</c>: <c>fri..mon</c> wraps over the weekend.</summary>
    private bool WeekdayRange(int pos, out int next, out WeekDays days)
    {
        days = WeekDays.None;
        if (!Weekday(pos, out next, out var start)) return false;
        days = start;
        if (Tag(next, "..", out var afterDots) && Weekday(afterDots, out var afterEnd, out var end))
        {
            days = start <= end ? Span(start, end) : Span(start, WeekDays.Sunday) | Span(WeekDays.Monday, end);
            next = afterEnd;
        }
        return true;
    }

    private static WeekDays Span(WeekDays start, WeekDays end)
    {
        var result = 0;
        for (var bit = (int)start; ; bit <<= 1)
        {
            result |= bit;
            if (bit >= (int)end) break;
        }
        return (WeekDays)result;
    }

    /// <summary><c>parse_time_comp</c>: digits as a u32, below <paramref name="max"/>.</summary>
    private bool Number(int pos, uint max, out int next, out uint value)
    {
        next = pos;
        value = 0;
        while (next < text.Length && char.IsAsciiDigit(text[next])) next++;
        if (next == pos)
        {
            Fail(pos, "expected a number");
            return false;
        }
        if (!uint.TryParse(text.AsSpan(pos, next - pos), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value))
        {
            Fail(pos, "number too large");
            return false;
        }
        if (value >= max)
        {
            Fail(next, $"time value too large ({value}, at most {max - 1})");
            return false;
        }
        return true;
    }

    /// <summary><c>parse_date_time_comp</c>: <c>n</c>, <c>a..b</c>, <c>n/step</c> or <c>a..b/step</c>.</summary>
    private Item<DateTimeValue> Component(uint max) => (int pos, out int next, out DateTimeValue value) =>
    {
        value = DateTimeValue.Single(0);
        if (!Number(pos, max, out next, out var start)) return false;

        if (Tag(next, "..", out var afterDots) && Number(afterDots, max, out var afterEnd, out var end))
        {
            if (start > end)
            {
                Fail(afterEnd, "range start is bigger than end");
                return false;
            }
            next = afterEnd;
            if (next < text.Length && text[next] == '/')
            {
                if (!Number(next + 1, max, out next, out var step)) return false;
                value = DateTimeValue.Repeated(start, step, end);
                return true;
            }
            value = DateTimeValue.Range(start, end);
            return true;
        }

        if (next < text.Length && text[next] == '/')
        {
            if (!Number(next + 1, max, out next, out var step)) return false;
            value = DateTimeValue.Repeated(start, step);
            return true;
        }
        value = DateTimeValue.Single(start);
        return true;
    };

    /// <summary>
    /// <c>parse_date_time_comp_list</c>: <c>*</c> (any: an empty list), <c>*/step</c> (from <paramref name="start"/>),
    /// or a comma list of components. <c>*/0</c> reads as <c>*</c> and leaves <c>/0</c> unread.
    /// </summary>
    private bool ComponentList(int pos, uint start, uint max, out int next, out ImmutableArray<DateTimeValue> values)
    {
        values = [];
        next = pos;
        if (pos < text.Length && text[pos] == '*')
        {
            next = pos + 1;
            if (next < text.Length && text[next] == '/')
            {
                if (!Number(next + 1, max, out var afterStep, out var step)) return false;
                if (step > 0)
                {
                    next = afterStep;
                    values = [DateTimeValue.Repeated(start, step)];
                }
            }
            return true;
        }
        if (!SeparatedList(pos, Component(max), out next, out var list)) return false;
        values = [.. list];
        return true;
    }

    private bool TimeSpec(int pos, out int next, out (ImmutableArray<DateTimeValue> Hour, ImmutableArray<DateTimeValue> Minute, ImmutableArray<DateTimeValue> Second) time)
    {
        time = default;
        var hour = ImmutableArray<DateTimeValue>.Empty;
        var at = pos;
        if (ComponentList(pos, 0, 24, out var afterHour, out var hours) && Tag(afterHour, ":", out var afterColon))
        {
            hour = hours;
            at = afterColon;
        }
        if (!ComponentList(at, 0, 60, out next, out var minute)) return false;
        var second = Zero;
        if (Tag(next, ":", out var afterSecondColon) && ComponentList(afterSecondColon, 0, 60, out var afterSecond, out var seconds))
        {
            second = seconds;
            next = afterSecond;
        }
        time = (hour, minute, second);
        return true;
    }

    private bool DateSpec(int pos, out int next, out (ImmutableArray<DateTimeValue> Year, ImmutableArray<DateTimeValue> Month, ImmutableArray<DateTimeValue> Day) date)
    {
        date = default;
        if (ComponentList(pos, 0, 2200, out var afterYear, out var years)
            && Tag(afterYear, "-", out var afterDash1) && ComponentList(afterDash1, 1, 13, out var afterMonth, out var months)
            && Tag(afterMonth, "-", out var afterDash2) && ComponentList(afterDash2, 1, 32, out next, out var days))
        {
            date = (years, months, days);
            return true;
        }
        if (ComponentList(pos, 1, 13, out afterMonth, out months)
            && Tag(afterMonth, "-", out afterDash1) && ComponentList(afterDash1, 1, 32, out next, out days))
        {
            date = ([], months, days);
            return true;
        }
        next = pos;
        return false;
    }
}
