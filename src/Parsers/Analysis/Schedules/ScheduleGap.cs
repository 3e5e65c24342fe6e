namespace PveLint.Analysis.Schedules;

/// <summary>Two consecutive runs (Unix seconds, UTC) and the time between them.</summary>
public sealed record ScheduleGap(long From, long To)
{
    public long Seconds => To - From;

    public TimeSpan Length => TimeSpan.FromSeconds(Seconds);
}

/// <summary>How far an analysis looked: a week, PVE's 400-year Gregorian cycle, or up to the event's last year.</summary>
public enum ScheduleCycle
{
    /// <summary>Only weekdays and times: the runs repeat every week.</summary>
    Week,
    /// <summary>Months or days of the month, no years: the runs repeat every 400 years (146097 days).</summary>
    GregorianCycle,
    /// <summary>Years named: the runs end with the last year (up to 2199).</summary>
    UntilLastYear,
}

/// <summary>
/// What a schedule means as time: the worst-case interval between consecutive runs over a full cycle and where it
/// first occurs, how many runs the cycle has, and whether the runs stop (<see cref="LastRun"/>): after that PVE
/// never runs the job again. <see cref="Worst"/> is null when there are fewer than two runs.
/// </summary>
public sealed record ScheduleAnalysis(CalendarEvent Event, ScheduleCycle Cycle, ScheduleGap? Worst, long Runs, long? LastRun)
{
    /// <summary>No run at all (e.g. <c>02-30</c>, or only past years).</summary>
    public bool NeverRuns => Runs == 0;

    /// <summary>"3 days (Fri 02:00 → Mon 02:00)"; the runs' end or absence where that is the story.</summary>
    public string Describe()
    {
        if (NeverRuns) return "never runs (PVE finds no next run)";
        var worst = Worst is { } gap ? $"{ScheduleText.Duration(gap.Seconds)} ({ScheduleText.Moment(gap.From, Cycle)} → {ScheduleText.Moment(gap.To, Cycle)})" : null;
        if (LastRun is { } last)
            return (worst is null ? "runs once" : $"at most {worst} apart") + $", and never again after {ScheduleText.Moment(last, ScheduleCycle.UntilLastYear)}";
        return worst ?? "runs once";
    }
}
