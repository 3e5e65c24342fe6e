namespace PveLint.Analysis.Schedules;

/// <summary>The weekdays of a calendar event, with proxmox-time's bit values (Monday = 1 … Sunday = 64).</summary>
[Flags]
public enum WeekDays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    All = 127,
}
