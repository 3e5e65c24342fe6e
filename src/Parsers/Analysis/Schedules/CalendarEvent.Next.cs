namespace PveLint.Analysis.Schedules;

public sealed partial record CalendarEvent
{
    /// <summary>proxmox-time gives up after this many adjustments and reports no next run.</summary>
    private const int MaxAdjustments = 1000;

    /// <summary>
    /// The next run strictly after <paramref name="last"/> (Unix seconds), computed in UTC exactly as proxmox-time's
    /// <c>compute_next_event</c> does, quirks included (e.g. <c>*/5:0</c> after 23:00 runs next at 05:00, not 00:00,
    /// because hour 25 carries into 01:00 of the next day). Null when PVE finds none: no such date (<c>02-30</c>),
    /// years that are over, or more than 1000 adjustments. PVE then never runs the job again.
    /// </summary>
    public long? Next(long last)
    {
        var t = new BrokenDownTime(last + 1);
        var allDays = Days is WeekDays.None or WeekDays.All;

        for (var count = 0; ; count++)
        {
            if (count > MaxAdjustments) return null;

            if (!Year.IsEmpty && !DateTimeValue.ListContains(Year, (uint)t.Year))
            {
                if (DateTimeValue.FindNext(Year, (uint)t.Year) is not { } n) return null;
                t.AddYears(n - t.Year);
                continue;
            }

            if (!Month.IsEmpty && !DateTimeValue.ListContains(Month, (uint)t.Month))
            {
                if (DateTimeValue.FindNext(Month, (uint)t.Month) is { } n) t.AddMonths(n - t.Month);
                else t.AddYears(1);
                continue;
            }

            if (!Day.IsEmpty && !DateTimeValue.ListContains(Day, (uint)t.Day))
            {
                if (DateTimeValue.FindNext(Day, (uint)t.Day) is { } n) t.AddDays(n - t.Day);
                else t.AddMonths(1);
                continue;
            }

            if (!allDays)
            {
                var dayNum = t.DayNum;
                if (!Days.HasFlag((WeekDays)(1 << dayNum)))
                {
                    var later = Enumerable.Range(dayNum + 1, 6 - dayNum).FirstOrDefault(d => Days.HasFlag((WeekDays)(1 << d)), -1);
                    t.AddDays(later >= 0 ? later - dayNum : 7 - dayNum);
                    continue;
                }
            }

            if (!Hour.IsEmpty && !DateTimeValue.ListContains(Hour, (uint)t.Hour))
            {
                if (DateTimeValue.FindNext(Hour, (uint)t.Hour) is { } n) t.SetTime(n, 0, 0);
                else t.AddDays(1);
                continue;
            }

            if (!Minute.IsEmpty && !DateTimeValue.ListContains(Minute, (uint)t.Minute))
            {
                if (DateTimeValue.FindNext(Minute, (uint)t.Minute) is { } n) t.SetMinSec(n, 0);
                else t.SetTime(t.Hour + 1, 0, 0);
                continue;
            }

            if (!Second.IsEmpty && !DateTimeValue.ListContains(Second, (uint)t.Second))
            {
                if (DateTimeValue.FindNext(Second, (uint)t.Second) is { } n) t.SetSec(n);
                else t.SetMinSec(t.Minute + 1, 0);
                continue;
            }

            // timegm's error value: proxmox-time reports an error, and PVE runs nothing.
            return t.Epoch == -1 ? null : t.Epoch;
        }
    }
}
