using PveLint.Analysis.Schedules;
using PveLint.Model;

namespace PveLint.Analysis.DisasterRecovery;

/// <summary>The schedule a replication job runs on: its <c>schedule</c>, else pvesr's default <c>*/15</c>.</summary>
public static class ReplicationSchedules
{
    public const string Default = "*/15";

    private static readonly CalendarEvent DefaultEvent = CalendarEvent.Parse(Default).Event!;

    /// <summary>The event pvesr uses (a schedule PVE rejected was dropped from the job, so the default applies).</summary>
    public static CalendarEvent EventOf(ReplicationJob job) =>
        job.Schedule is { } text && CalendarEvent.Parse(text.Value).Event is { } ev ? ev : DefaultEvent;
}
