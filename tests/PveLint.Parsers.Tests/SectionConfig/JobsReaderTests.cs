using PveLint.AccessControl;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.SectionConfig;
using static PveLint.Parsers.Tests.ReaderTestKit;

namespace PveLint.Parsers.Tests.SectionConfig;

/// <summary>jobs.cfg (docs/jobs-cfg.md): vzdump jobs with the fidelity rules of every section-config file.</summary>
public class JobsReaderTests() : ReaderTests<List<BackupJob>>("etc/pve/jobs.cfg", (f, c) => JobsReader.Read(f, c).ToList())
{
    private const string GuiJob =
        "vzdump: backup-8c2e51b4-7f0a\n\tschedule mon..fri 21:00\n\tall 1\n\tcompress zstd\n\tenabled 1\n\texclude 105,106\n" +
        "\tmailnotification always\n\tmode snapshot\n\tnotes-template {{guestname}}\n\tprune-backups keep-daily=7,keep-weekly=4\n\tstorage pbs-offsite\n";

    [Fact]
    public void Reads_a_job_as_the_GUI_writes_it()
    {
        var (jobs, context) = Read(GuiJob + "\nrealm-sync: sync-ldap\n\tschedule daily\n\trealm corp-ldap\n\tscope both\n\tremove-vanished acl;entry\n");

        Assert.Empty(context.Diagnostics);
        var job = Assert.Single(jobs);
        Assert.Equal(("backup-8c2e51b4-7f0a", "mon..fri 21:00", "pbs-offsite"), (job.Id.Value, job.Schedule!.Value, job.TargetStorage));
        Assert.True(job.Enabled);
        Assert.Equal(BackupSelection.All, job.Selection);
        Assert.Equal([105, 106], job.Exclude.Select(v => v.Value));
        Assert.Equal((6, 14), (job.Exclude[1].Span.Line, job.Exclude[1].Span.Column));
    }

    [Fact]
    public void Fidelity_rules_apply_as_in_every_section_config_file()
    {
        var (jobs, context) = Read(
            "vzdump: nightly\n\tschedule 25:00\n\tvmid 100,12\n\tstorage nas\n\tstorage pbs\n\tcolour blue\n\tscope users\n\n" +
            "vzdump: broken\n\tstorage nas\n\n" +
            "VZDump: upper\n\tschedule daily\n\n" +
            "vzdump: bad-schedule\n\tschedule every day\n\tall 1\n");

        // '25:00' is valid (minute 25 of every hour); the bad list item, the second storage, the unknown keys, the
        // section without a schedule (twice: 'broken' and 'bad-schedule') and the upper-case type are reported.
        Assert.Equal(
            [
                (DiagnosticIds.InvalidValue, 3, 11), (DiagnosticIds.DuplicateKey, 5, 2), (DiagnosticIds.UnknownKey, 6, 2),
                (DiagnosticIds.UnknownKey, 7, 2), (DiagnosticIds.MissingRequiredKey, 9, 1), (DiagnosticIds.UnknownKey, 12, 1),
                (DiagnosticIds.InvalidValue, 16, 11), (DiagnosticIds.MissingRequiredKey, 15, 1),
            ],
            context.Positions());
        var job = Assert.Single(jobs);
        Assert.Equal(("nightly", "nas", BackupSelection.None), (job.Id.Value, job.Storage!.Value, job.Selection));
        Assert.Contains("not a valid calendar event", context.Diagnostics.Single(d => d.Span?.Line == 16).Message);
    }

    [Theory]
    [InlineData("\tvmid 100\n\tall 1\n", BackupSelection.Conflict)]
    [InlineData("\tvmid 100\n\tpool web\n", BackupSelection.Conflict)]
    [InlineData("\tpool web\n\texclude 100\n", BackupSelection.Pool)]
    [InlineData("\texclude 100\n", BackupSelection.All)]
    [InlineData("\tvmid 100,101\n", BackupSelection.VmIds)]
    [InlineData("\tmode stop\n", BackupSelection.None)]
    public void Selection_follows_vzdump(string keys, BackupSelection selection)
    {
        var (jobs, _) = Read("vzdump: j1\n\tschedule daily\n" + keys);
        Assert.Equal(selection, Assert.Single(jobs).Selection);
    }

    [Fact]
    public void Coverage_needs_an_enabled_job_the_guest_node_and_the_selection()
    {
        var (jobs, _) = Read(
            "vzdump: all-but\n\tschedule daily\n\tall 1\n\texclude 101\n\n" +
            "vzdump: pool\n\tschedule daily\n\tpool web\n\tnode pve2\n\n" +
            "vzdump: off\n\tschedule daily\n\tvmid 102\n\tenabled 0\n\n" +
            "vzdump: default-storage\n\tschedule daily\n\tvmid 103\n");
        Guest G(int id, string node) => new(id, GuestKind.Qemu, node, "", null, [], [], [], [], System.Collections.Immutable.ImmutableDictionary<string, Located<string>>.Empty);
        string? Pool(int id) => id is 101 or 104 ? "web" : null;
        string[] Covering(Guest g) => jobs.Where(j => j.Covers(g, Pool)).Select(j => j.Id.Value).ToArray();

        Assert.Equal(["all-but", "default-storage"], Covering(G(103, "pve1")));
        Assert.Empty(Covering(G(101, "pve1")));
        Assert.Equal(["pool"], Covering(G(101, "pve2")));
        Assert.Equal(["all-but"], Covering(G(102, "pve1")));
        var fallback = jobs.Single(j => j.Id.Value == "default-storage");
        Assert.Equal(("local", true), (fallback.TargetStorage, fallback.StorageIsDefault));
    }

    [Fact]
    public void Exclude_path_is_an_array_key_and_may_repeat() =>
        Assert.Empty(Read("vzdump: j1\n\tschedule daily\n\tall 1\n\texclude-path /tmp\n\texclude-path /var/cache\n").Context.Diagnostics);

    [Fact]
    public void An_empty_pool_name_at_the_end_of_its_line_is_pointed_at_inside_the_line()
    {
        // Found by the mutated-corpus property test: the span of 'pool: ' ran one column past the line.
        var context = Context();
        var file = Inline("etc/pve/user.cfg", "pool: \nvmdata\n");
        PoolReader.Read(file, context);

        var span = Assert.Single(context.Diagnostics).Span!.Value;
        Assert.Equal((1, 7, 7), (span.Line, span.Column, span.EndColumn));
        context.AssertSpansInside(file);
    }

    [Fact]
    public void Pools_are_read_from_their_lines_only()
    {
        var context = Context();
        var file = Inline("etc/pve/user.cfg",
            "user:root@pam:1:0:::root@example.com:::\n" +
            "pool:web:Web servers:100,101::\n" +
            "pool:db::102,101,x9:local-zfs:\n" +
            "pool:bad name::103::\n" +
            "pool: web/eu : : 104 :\n");
        var pools = PoolReader.Read(file, context);

        Assert.Equal(["web", "db", "web/eu"], pools.Select(p => p.Name.Value));
        Assert.Equal([100, 101], pools[0].Members.Select(m => m.Value));
        Assert.Equal([102], pools[1].Members.Select(m => m.Value));
        Assert.Equal([104], pools[2].Members.Select(m => m.Value));
        Assert.Equal([(DiagnosticIds.DuplicateKey, 3, 14), (DiagnosticIds.InvalidValue, 3, 18), (DiagnosticIds.InvalidValue, 4, 6)], context.Positions());
        Assert.DoesNotContain(context.Diagnostics, d => d.Message.Contains("root", StringComparison.Ordinal));
    }
}
