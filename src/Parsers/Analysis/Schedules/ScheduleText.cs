using System.Globalization;

namespace PveLint.Analysis.Schedules;

/// <summary>Durations and run times as messages show them ("3 days", "Fri 02:00", "Sat 2000-01-01 00:00").</summary>
public static class ScheduleText
{
    public static string Duration(long seconds)
    {
        if (seconds <= 0) return "0 s";
        var parts = new List<string>();
        var days = seconds / 86400;
        var hours = seconds / 3600 % 24;
        var minutes = seconds / 60 % 60;
        var rest = seconds % 60;
        if (days > 0) parts.Add(days == 1 ? "1 day" : $"{days} days");
        if (hours > 0) parts.Add($"{hours} h");
        if (minutes > 0) parts.Add($"{minutes} min");
        if (rest > 0) parts.Add($"{rest} s");
        return string.Join(" ", parts);
    }

    /// <summary>A run time: weekday and time for weekly schedules, with the date for longer cycles.</summary>
    public static string Moment(long epoch, ScheduleCycle cycle)
    {
        var day = CivilTime.DayOf(epoch);
        var secondOfDay = epoch - day * CivilTime.SecondsPerDay;
        var time = secondOfDay % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{secondOfDay / 3600:00}:{secondOfDay / 60 % 60:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{secondOfDay / 3600:00}:{secondOfDay / 60 % 60:00}:{secondOfDay % 60:00}");
        var weekday = CivilTime.WeekdayName(CivilTime.WeekdayOf(day));
        if (cycle == ScheduleCycle.Week) return $"{weekday} {time}";
        var (y, m, d) = CivilTime.CivilFromDays(day);
        return string.Create(CultureInfo.InvariantCulture, $"{weekday} {y:0000}-{m:00}-{d:00} {time}");
    }
}
