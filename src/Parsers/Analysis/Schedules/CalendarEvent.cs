using System.Collections.Immutable;

namespace PveLint.Analysis.Schedules;

/// <summary>
/// A PVE calendar event (replication and backup schedules) exactly as proxmox-time's <c>CalendarEvent</c> holds
/// it (docs/calendar-events.md): weekdays, and for each date/time field a list of values, ranges and repetitions.
/// An empty list matches every value. <see cref="Parse"/> accepts what PVE accepts; <see cref="Next"/> computes
/// the next run the way PVE does.
/// </summary>
public sealed partial record CalendarEvent
{
    /// <summary>The text as written.</summary>
    public required string Text { get; init; }

    /// <summary>Ends in <c>UTC</c>: evaluated in UTC rather than the node's local time.</summary>
    public bool Utc { get; init; }

    /// <summary>No weekday = every day.</summary>
    public WeekDays Days { get; init; }

    public ImmutableArray<DateTimeValue> Year { get; init; } = [];

    public ImmutableArray<DateTimeValue> Month { get; init; } = [];

    public ImmutableArray<DateTimeValue> Day { get; init; } = [];

    public ImmutableArray<DateTimeValue> Hour { get; init; } = [];

    public ImmutableArray<DateTimeValue> Minute { get; init; } = [];

    public ImmutableArray<DateTimeValue> Second { get; init; } = [];

    /// <summary>True when the event names years, months or days of the month (its runs repeat over years, not weeks).</summary>
    public bool HasDateFields => !Year.IsEmpty || !Month.IsEmpty || !Day.IsEmpty;

    /// <summary>Parses as PVE does (<c>PVE::CalendarEvent::parse_calendar_event</c>: trim, then proxmox-time).</summary>
    /// <remarks>
    /// Thousands of replication and backup jobs share a handful of schedules, each parsed when bound and again by the
    /// rules: the answers (immutable) are kept per text, up to <see cref="ParsedLimit"/> texts.
    /// </remarks>
    public static CalendarEventParse Parse(string text)
    {
        if (Parsed.TryGetValue(text, out var known)) return known;
        var parse = CalendarEventParser.Parse(text);
        if (Parsed.Count < ParsedLimit) Parsed.TryAdd(text, parse);
        return parse;
    }

    private const int ParsedLimit = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CalendarEventParse> Parsed = new(StringComparer.Ordinal);
}

/// <summary>The outcome of <see cref="CalendarEvent.Parse"/>: the event, or PVE's reason for refusing the text.</summary>
public sealed record CalendarEventParse(CalendarEvent? Event, string? Error)
{
    public bool IsValid => Event is not null;
}
