namespace PveLint.Analysis.Schedules;

/// <summary>
/// Proleptic Gregorian date arithmetic on Unix seconds (UTC), without DateTime's range limits, as glibc's
/// <c>timegm</c>/<c>gmtime_r</c> do it (H. Hinnant's days-from-civil algorithms).
/// </summary>
internal static class CivilTime
{
    public const long SecondsPerDay = 86400;

    public static long DaysFromCivil(long year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - era * 400;
        var dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    public static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        days += 719468;
        var era = (days >= 0 ? days : days - 146096) / 146097;
        var dayOfEra = days - era * 146097;
        var yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var mp = (5 * dayOfYear + 2) / 153;
        var day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
    }

    /// <summary>Days since 1970-01-01 of an epoch second (floor division).</summary>
    public static long DayOf(long epoch) => epoch >= 0 ? epoch / SecondsPerDay : -((-epoch + SecondsPerDay - 1) / SecondsPerDay);

    /// <summary>0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).</summary>
    public static int WeekdayOf(long days) => (int)(((days + 3) % 7 + 7) % 7);

    public static string WeekdayName(int dayNum) => dayNum switch
    {
        0 => "Mon", 1 => "Tue", 2 => "Wed", 3 => "Thu", 4 => "Fri", 5 => "Sat", _ => "Sun",
    };
}
