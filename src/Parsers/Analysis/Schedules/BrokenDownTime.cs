namespace PveLint.Analysis.Schedules;

/// <summary>
/// proxmox-time's <c>TmEditor</c> in UTC: a broken-down time whose setters write out-of-range fields (minute 60,
/// hour 25, day 31 of February) and let <c>timegm</c> carry them over, which is what makes PVE's next-run search
/// skip or land where it does. Every add_* resets the smaller fields, as TmEditor does.
/// </summary>
internal sealed class BrokenDownTime
{
    private long year;
    private long month0;
    private long day;
    private long hour;
    private long minute;
    private long second;

    public BrokenDownTime(long epoch) => SetFromEpoch(epoch);

    public long Epoch { get; private set; }

    public long Year => year;

    public long Month => month0 + 1;

    public long Day => day;

    public long Hour => hour;

    public long Minute => minute;

    public long Second => second;

    /// <summary>0 = Monday … 6 = Sunday.</summary>
    public int DayNum => CivilTime.WeekdayOf(CivilTime.DayOf(Epoch));

    public void AddYears(long years)
    {
        if (years == 0) return;
        month0 = 0; day = 1; hour = 0; minute = 0; second = 0;
        year += years;
        Normalize();
    }

    public void AddMonths(long months)
    {
        if (months == 0) return;
        day = 1; hour = 0; minute = 0; second = 0;
        month0 += months;
        Normalize();
    }

    public void AddDays(long days)
    {
        if (days == 0) return;
        hour = 0; minute = 0; second = 0;
        day += days;
        Normalize();
    }

    public void SetTime(long h, long m, long s)
    {
        hour = h; minute = m; second = s;
        Normalize();
    }

    public void SetMinSec(long m, long s)
    {
        minute = m; second = s;
        Normalize();
    }

    public void SetSec(long s)
    {
        second = s;
        Normalize();
    }

    /// <summary>glibc <c>timegm</c>: months carry into years first, then everything else adds up linearly.</summary>
    private void Normalize()
    {
        var carry = month0 >= 0 ? month0 / 12 : -((-month0 + 11) / 12);
        var days = CivilTime.DaysFromCivil(year + carry, (int)(month0 - carry * 12) + 1, 1) + day - 1;
        SetFromEpoch(days * CivilTime.SecondsPerDay + hour * 3600 + minute * 60 + second);
    }

    private void SetFromEpoch(long epoch)
    {
        Epoch = epoch;
        var days = CivilTime.DayOf(epoch);
        var (y, m, d) = CivilTime.CivilFromDays(days);
        var secondOfDay = epoch - days * CivilTime.SecondsPerDay;
        year = y; month0 = m - 1; day = d;
        hour = secondOfDay / 3600; minute = secondOfDay / 60 % 60; second = secondOfDay % 60;
    }
}
