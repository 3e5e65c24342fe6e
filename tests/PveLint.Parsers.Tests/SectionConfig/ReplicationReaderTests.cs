using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.SectionConfig;
using static PveLint.Parsers.Tests.ReaderTestKit;

namespace PveLint.Parsers.Tests.SectionConfig;

/// <summary>replication.cfg (reference/pve-formats.md §2.2). The corpus has no real replication.cfg.</summary>
public class ReplicationReaderTests() : ReaderTests<List<ReplicationJob>>("etc/pve/replication.cfg", (f, c) => ReplicationReader.Read(f, c).ToList())
{
    [Fact]
    public void Reads_a_job_as_pvesr_writes_it()
    {
        var (jobs, context) = Read("local: 100-0\n\ttarget pve2\n\tschedule */15\n\trate 50\n\tcomment nightly%3A ok\n\tdisable\n\tsource pve1\n");

        Assert.Empty(context.Diagnostics);
        var job = Assert.Single(jobs);
        Assert.Equal(("100-0", 100, 0), (job.Id.Value, job.GuestId, job.JobNumber));
        Assert.Equal(("pve2", "*/15", "50", "pve1"), (job.Target!.Value, job.Schedule!.Value, job.Rate!.Value, job.Source!.Value));
        Assert.True(job.Disabled);
        Assert.Equal((1, 8), (job.Id.Span.Line, job.Id.Span.Column));
    }

    [Fact]
    public void Job_ids_are_normalised_like_perl_int_and_duplicates_after_that_replace_each_other()
    {
        var (jobs, context) = Read("local: 0100-00\n\ttarget pve2\n\nlocal: 100-0\n\ttarget pve3\n");

        var job = Assert.Single(jobs);
        Assert.Equal(("100-0", "pve3"), (job.Id.Value, job.Target!.Value));
        var d = context.Single(DiagnosticIds.DuplicateSection);
        d.AssertAt(4, 1);
        Assert.Contains("Section id '100-0' is used again (first on line 1)", d.Message);
    }

    [Fact]
    public void Guest_ids_below_100_are_reserved_and_non_numeric_headers_are_no_headers()
    {
        var (jobs, context) = Read("local: 99-0\n\ttarget pve2\n\nlocal: vm100\n\ttarget pve2\n");

        Assert.Empty(jobs);
        Assert.Collection(context.Diagnostics,
            // The body of the header PVE does not take is ignored with it: one finding, line 5 related.
            d => { Assert.Equal(DiagnosticIds.SyntaxError, d.Id); d.AssertAt(4, 1); Assert.Equal(5, Assert.Single(d.RelatedSpans).Span.Line); },
            d => { Assert.Equal(DiagnosticIds.InvalidValue, d.Id); d.AssertAt(1, 8, 4); Assert.Contains("guest IDs < 100 are reserved", d.Message); });
    }

    [Fact]
    public void Target_is_required_and_values_are_checked()
    {
        var (jobs, context) = Read("local: 100-0\n\tschedule */15\n\nlocal: 101-0\n\ttarget pve2\n\tschedule every day\n\trate 0\n\tremove_job all\n");

        Assert.Equal(["101-0"], jobs.Select(j => j.Id.Value));
        Assert.Null(jobs[0].Schedule);
        Assert.Collection(context.Diagnostics,
            d => { Assert.Equal(DiagnosticIds.MissingRequiredKey, d.Id); d.AssertAt(1, 1); Assert.Contains("Replication job '100-0' has no 'target'", d.Message); },
            d => { Assert.Equal(DiagnosticIds.InvalidValue, d.Id); d.AssertAt(6, 11); Assert.Contains("not a valid calendar event", d.Message); },
            d => { Assert.Equal(DiagnosticIds.InvalidValue, d.Id); d.AssertAt(7, 7); Assert.Contains("must be at least 1", d.Message); },
            d => { Assert.Equal(DiagnosticIds.InvalidValue, d.Id); d.AssertAt(8, 13); Assert.Contains("not one of local, full", d.Message); });
    }

    [Fact]
    public void Only_one_job_per_guest_and_target_survives()
    {
        var (jobs, context) = Read("local: 100-1\n\ttarget pve2\n\nlocal: 100-0\n\ttarget pve2\n\nlocal: 100-2\n\ttarget pve3\n");

        Assert.Equal(["100-0", "100-2"], jobs.Select(j => j.Id.Value).Order());
        var d = context.Single(DiagnosticIds.DuplicateSection);
        d.AssertAt(1, 8);
        Assert.Contains("PVE deletes job '100-1'", d.Message);
    }

    [Theory]
    [InlineData("*/15")]
    [InlineData("mon..fri 8..17,22:0/15")]
    [InlineData("sat 03:00")]
    [InlineData("daily")]
    [InlineData("*-*-* 00:00:00")]
    [InlineData("2:30")]
    [InlineData("sun,wed 1,13:00")]
    public void Documented_calendar_events_pass(string schedule) => Assert.Null(PveLint.Analysis.Schedules.CalendarEvent.Parse(schedule).Error);

    [Theory]
    [InlineData("every day")]
    [InlineData("12:60")]
    [InlineData("mon..fry")]
    [InlineData("")]
    public void Clearly_broken_calendar_events_fail(string schedule) => Assert.NotNull(PveLint.Analysis.Schedules.CalendarEvent.Parse(schedule).Error);
}
