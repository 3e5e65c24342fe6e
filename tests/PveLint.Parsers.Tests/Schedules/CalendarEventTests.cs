using CsCheck;
using PveLint.Analysis.Schedules;

namespace PveLint.Parsers.Tests.Schedules;

/// <summary>Calendar events as PVE reads them, and what they mean as time (worst gap, where, how many runs).</summary>
public class CalendarEventTests
{
    private static CalendarEvent Event(string text)
    {
        var parsed = CalendarEvent.Parse(text);
        Assert.True(parsed.IsValid, parsed.Error);
        return parsed.Event!;
    }

    private static ScheduleAnalysis Analyze(string text) => ScheduleGaps.Analyze(Event(text));

    [Theory]
    [InlineData("*/15", 15 * 60, "15 min (Mon 00:00 → Mon 00:15)", 7 * 96)]
    [InlineData("mon..fri 02:00", 3 * 86400, "3 days (Fri 02:00 → Mon 02:00)", 5)]
    [InlineData("sat 18:15", 7 * 86400, "7 days (Sat 18:15 → Sat 18:15)", 1)]
    [InlineData("hourly", 3600, "1 h (Mon 00:00 → Mon 01:00)", 7 * 24)]
    [InlineData("daily", 86400, "1 day (Mon 00:00 → Tue 00:00)", 7)]
    [InlineData("*/2:00", 2 * 3600, "2 h (Mon 00:00 → Mon 02:00)", 7 * 12)]
    [InlineData("mon..fri 8..17:0/30", 2 * 86400 + 14 * 3600 + 30 * 60, "2 days 14 h 30 min (Fri 17:30 → Mon 08:00)", 5 * 20)]
    [InlineData("fri..mon 22:00", 4 * 86400, "4 days (Mon 22:00 → Fri 22:00)", 4)]
    public void Weekly_schedules_give_their_worst_gap_and_where_it_occurs(string text, long seconds, string described, long runs)
    {
        var analysis = Analyze(text);
        Assert.Equal(ScheduleCycle.Week, analysis.Cycle);
        Assert.Equal(seconds, analysis.Worst!.Seconds);
        Assert.Equal(described, analysis.Describe());
        Assert.Equal(runs, analysis.Runs);
        Assert.Null(analysis.LastRun);
    }

    [Fact]
    public void Hour_repetitions_that_do_not_divide_the_day_skip_midnight_as_PVE_does()
    {
        // After 20:00 hour 25 carries into 01:00 of the next day, which */5 does not match: the next run is 05:00.
        var analysis = Analyze("*/5:0");
        Assert.Equal(9 * 3600, analysis.Worst!.Seconds);
        Assert.Equal("9 h (Mon 20:00 → Tue 05:00)", analysis.Describe());
        Assert.Equal(7 * 4, analysis.Runs);
    }

    [Fact]
    public void Monthly_schedules_are_followed_over_the_Gregorian_cycle()
    {
        var analysis = Analyze("monthly");
        Assert.Equal(ScheduleCycle.GregorianCycle, analysis.Cycle);
        Assert.Equal(31 * 86400, analysis.Worst!.Seconds);
        Assert.Equal("31 days (Sat 2000-01-01 00:00 → Tue 2000-02-01 00:00)", analysis.Describe());
        Assert.Equal(400 * 12, analysis.Runs);
    }

    [Fact]
    public void Leap_days_are_eight_years_apart_across_a_century()
    {
        var analysis = Analyze("*-02-29 12:00");
        Assert.Equal((long)(365 * 8 + 1) * 86400, analysis.Worst!.Seconds);
        Assert.StartsWith("8 days", ScheduleText.Duration(8 * 86400));
        Assert.Contains("2096-02-29 12:00 → Fri 2104-02-29 12:00", analysis.Describe());
    }

    [Fact]
    public void Impossible_and_finished_schedules_say_so()
    {
        Assert.True(Analyze("02-30").NeverRuns);
        Assert.Equal("never runs (PVE finds no next run)", Analyze("02-30").Describe());
        var once = Analyze("2030-01-01 02:00");
        Assert.Equal(1, once.Runs);
        Assert.Null(once.Worst);
        Assert.Equal("runs once, and never again after Tue 2030-01-01 02:00", once.Describe());
        Assert.EndsWith("never again after Wed 2027-12-01 00:00", Analyze("2025..2027-*-01 00:00").Describe());
    }

    /// <summary>pve-common's own expectations (test/calendar_event_test.pl, run with TZ=UTC against the Rust implementation).</summary>
    [Theory]
    [InlineData("*", 0, 60)]
    [InlineData("*", 30, 60)]
    [InlineData("*", 59, 60)]
    [InlineData("*", 60, 120)]
    [InlineData("*/10", 0, 600)]
    [InlineData("*/10", 599, 600)]
    [InlineData("*/10", 600, 1200)]
    [InlineData("*/10", 3000, 3600)]
    [InlineData("*/12:0", 10, 43200)]
    [InlineData("*/12:0", 46800, 86400)]
    [InlineData("1/12:0/15", 0, 3600)]
    [InlineData("1/12:0/15", 3600, 4500)]
    [InlineData("1/12:0/15", 4560, 5400)]
    [InlineData("1/12:0/15", 5400, 6300)]
    [InlineData("1/12:0/15", 6300, 46800)]
    [InlineData("1/12:0/15", 46801, 47700)]
    [InlineData("1/12:0/15", 47700, 48600)]
    [InlineData("1/12:0/15", 48600, 49500)]
    [InlineData("1/12:0/15", 49500, 90000)]
    [InlineData("1,4,6", 0, 60)]
    [InlineData("1,4,6", 60, 240)]
    [InlineData("1,4,6", 300, 360)]
    [InlineData("1,4,6", 360, 3660)]
    [InlineData("Mon", 0, 345600)]
    [InlineData("Mon", 345600, 950400)]
    [InlineData("Mon", 950400, 1555200)]
    [InlineData("sat..sun", 0, 172800)]
    [InlineData("sat..sun", 172800, 259200)]
    [InlineData("sat..sun", 259200, 777600)]
    [InlineData("22/1:0", 0, 79200)]
    [InlineData("22/1:0", 79200, 82800)]
    [InlineData("22/1:0", 82740, 82800)]
    [InlineData("*/2:*", 0, 60)]
    [InlineData("*/2:*", 3600, 7200)]
    [InlineData("*/2:*", 7200, 7260)]
    [InlineData("20..22:*/30", 0, 72000)]
    [InlineData("20..22:*/30", 72000, 73800)]
    [InlineData("20..22:*/30", 81000, 158400)]
    [InlineData("0,1,3..5", 0, 60)]
    [InlineData("0,1,3..5", 60, 180)]
    [InlineData("0,1,3..5", 300, 3600)]
    [InlineData("2,4:0,1,3..5", 0, 7200)]
    [InlineData("2,4:0,1,3..5", 7260, 7380)]
    [InlineData("2,4:0,1,3..5", 7500, 14400)]
    public void Pve_common_test_suite_expectations_hold(string text, long last, long next) => Assert.Equal(next, Event(text).Next(last));

    [Theory]
    [InlineData("mon..fri 02:00", WeekDays.Monday | WeekDays.Tuesday | WeekDays.Wednesday | WeekDays.Thursday | WeekDays.Friday)]
    [InlineData("fri..mon", WeekDays.Friday | WeekDays.Saturday | WeekDays.Sunday | WeekDays.Monday)]
    [InlineData("Tuesday,sun", WeekDays.Tuesday | WeekDays.Sunday)]
    public void Weekdays_are_read_like_proxmox_time(string text, WeekDays days) => Assert.Equal(days, Event(text).Days);

    [Fact]
    public void A_number_alone_is_minutes_and_UTC_is_stripped()
    {
        var ev = Event("5/10 UTC");
        Assert.True(ev.Utc);
        Assert.Empty(ev.Hour);
        Assert.Equal(DateTimeValue.Repeated(5, 10), Assert.Single(ev.Minute));
        Assert.Equal(DateTimeValue.Single(0), Assert.Single(ev.Second));
    }

    [Theory]
    [InlineData("", "event is empty")]
    [InlineData("Daily", "weekday")]
    [InlineData("12:60", "too large")]
    [InlineData("5..3", "bigger than end")]
    [InlineData("mon 02:00 extra", "unexpected text")]
    public void Rejections_say_why(string text, string reason) => Assert.Contains(reason, CalendarEvent.Parse(text).Error);

    private static readonly Gen<string> EventText =
        Gen.Char["0123456789*/.,:- mondaytuefrishUTC"].Array[0, 30].Select(chars => new string(chars));

    [Fact]
    public void Random_text_never_throws_and_next_runs_move_forward() =>
        Gen.Select(EventText, Gen.Long[0, 4_000_000_000]).Sample((text, start) =>
        {
            var parsed = CalendarEvent.Parse(text);
            Assert.True(parsed.IsValid ^ parsed.Error is not null);
            if (parsed.Event is { } ev && ev.Next(start) is { } next) Assert.True(next > start);
        }, iter: 3000);

    private static Gen<string> Field(int max) => Gen.OneOf(
        Gen.Const("*"),
        Gen.Int[0, max - 1].Select(n => $"{n}"),
        Gen.Select(Gen.Int[0, max - 1], Gen.Int[0, max - 1]).Select((a, b) => $"{Math.Min(a, b)}..{Math.Max(a, b)}"),
        Gen.Int[1, max - 1].Select(k => $"*/{k}"),
        Gen.Select(Gen.Int[0, max - 1], Gen.Int[0, max - 1]).Select((a, k) => $"{a}/{k}"));

    private static readonly Gen<string> WeeklyEvent = Gen.Select(
        Gen.Int[0, 4].Select(i => new[] { "", "mon ", "fri..mon ", "sat,sun ", "tue..thu,sat " }[i]), Field(24), Field(60), Gen.Bool)
        .Select((days, hour, minute, withHour) => days + (withHour ? hour + ":" : "") + minute);

    [Fact]
    public void Generated_weekly_events_analyse_within_a_week() =>
        WeeklyEvent.Sample(text =>
        {
            var analysis = Analyze(text);
            Assert.True(analysis.NeverRuns || analysis.Runs > 0);
            Assert.True(analysis.Worst is null || analysis.Worst.Seconds is > 0 and <= 7 * 86400, text);
        }, iter: 200);
}
