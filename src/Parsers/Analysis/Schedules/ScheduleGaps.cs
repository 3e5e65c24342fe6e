namespace PveLint.Analysis.Schedules;

/// <summary>
/// The worst-case interval between consecutive runs of a calendar event, found by following PVE's own next-run
/// chain (<see cref="CalendarEvent.Next"/>, each run computed from the previous one, as pvesr and pvescheduler do)
/// over a full cycle, never guessed from the text. Within one day the chain depends only on the time of day, so a
/// day's runs are walked once per starting time and reused; the chain across days is always followed exactly.
/// Times are UTC: for a schedule in the node's local time a daylight-saving switch can lengthen or shorten one gap
/// by the switch (usually an hour).
/// </summary>
public static class ScheduleGaps
{
    /// <summary>Mon 2024-01-01 00:00 UTC: the week the weekly analysis reports in.</summary>
    public const long ReferenceWeek = 1704067200;

    private const long Week = 7 * CivilTime.SecondsPerDay;

    /// <summary>2000-01-01: a 400-year Gregorian cycle starts here.</summary>
    private static readonly long CycleStart = CivilTime.DaysFromCivil(2000, 1, 1) * CivilTime.SecondsPerDay;

    private static readonly long CycleEnd = CivilTime.DaysFromCivil(2400, 1, 1) * CivilTime.SecondsPerDay;

    public static ScheduleAnalysis Analyze(CalendarEvent ev)
    {
        if (!ev.Year.IsEmpty)
            // Runs end with the years (values stop below 2200, an open repetition like 2020/2 does not): follow them
            // from 1970 (PVE's epoch) to the end of the cycle after 2000.
            return Walk(ev, ScheduleCycle.UntilLastYear, -1, 0, CycleEnd);
        if (ev.HasDateFields)
            return Walk(ev, ScheduleCycle.GregorianCycle, CycleStart - 366 * CivilTime.SecondsPerDay, CycleStart, CycleEnd);
        return Walk(ev, ScheduleCycle.Week, ReferenceWeek - Week, ReferenceWeek, ReferenceWeek + Week);
    }

    /// <summary>
    /// Follows the chain from the first run after <paramref name="warmUp"/> and keeps the largest gap whose first run
    /// lies in [<paramref name="from"/>, <paramref name="to"/>) (the first such pair on ties). Window bounds are
    /// midnights. <see cref="ScheduleAnalysis.LastRun"/> is set when the chain ends.
    /// </summary>
    public static ScheduleAnalysis Walk(CalendarEvent ev, ScheduleCycle cycle, long warmUp, long from, long to)
    {
        var days = new Dictionary<long, DayWalk>();
        ScheduleGap? worst = null;
        long runs = 0;
        long? lastRun = null;

        void Consider(long gapFrom, long gapTo)
        {
            if (gapFrom >= from && gapFrom < to && (worst is null || gapTo - gapFrom > worst.Seconds))
                worst = new ScheduleGap(gapFrom, gapTo);
        }

        var run = ev.Next(warmUp);
        while (run is { } first && first < to)
        {
            var dayStart = CivilTime.DayOf(first) * CivilTime.SecondsPerDay;
            long? next;
            if (days.TryGetValue(first - dayStart, out var walk))
            {
                next = ev.Next(dayStart + walk.LastOffset);
            }
            else
            {
                (walk, next) = WalkDay(ev, first, dayStart);
                days[first - dayStart] = walk;
            }

            if (dayStart >= from) runs += walk.Runs;
            if (walk.WorstGap > 0) Consider(dayStart + walk.WorstGapOffset, dayStart + walk.WorstGapOffset + walk.WorstGap);
            var last = dayStart + walk.LastOffset;
            if (next is { } following && following > last) Consider(last, following);
            else (lastRun, next) = (last, null);
            run = next;
        }

        return new ScheduleAnalysis(ev, cycle, worst, runs, lastRun);
    }

    /// <summary>The runs of one day from <paramref name="first"/> on, and the first run after the day.</summary>
    private static (DayWalk Walk, long? Next) WalkDay(CalendarEvent ev, long first, long dayStart)
    {
        var dayEnd = dayStart + CivilTime.SecondsPerDay;
        long current = first, worstGap = 0, worstOffset = 0, runs = 1;
        long? next;
        // Next is always later than its argument; the check only keeps a broken chain from looping forever.
        while ((next = ev.Next(current)) is { } n && n < dayEnd && n > current)
        {
            if (n - current > worstGap)
            {
                worstGap = n - current;
                worstOffset = current - dayStart;
            }
            current = n;
            runs++;
        }
        return (new DayWalk(current - dayStart, worstGap, worstOffset, runs), next);
    }

    /// <summary>One day's runs from a given first run: where the last one is, the day's worst gap, how many.</summary>
    private sealed record DayWalk(long LastOffset, long WorstGap, long WorstGapOffset, long Runs);
}
