using PveLint.Analysis.Schedules;
using PveLint.Tests;

namespace PveLint.Parsers.Tests.Schedules;

/// <summary>
/// Agreement with Proxmox's own implementation: the next runs and weekly worst gaps that proxmox-time (the Rust
/// crate behind PVE::CalendarEvent) computed for 425 events (testdata/*.proxmox-time.tsv, see the header lines).
/// </summary>
public class CalendarEventOracleTests
{
    private static string TestData(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "PveLint.Parsers.Tests", "Schedules", "testdata", name);

    private static IEnumerable<string[]> Rows(string name) =>
        File.ReadAllLines(TestData(name)).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t'));

    [Fact]
    public void Next_runs_match_proxmox_time()
    {
        var rows = Rows("next-runs.proxmox-time.tsv").ToList();
        var mismatches = new List<string>();
        foreach (var row in rows)
        {
            var (text, start, expected) = (row[0], long.Parse(row[1]), row[2]);
            var parsed = CalendarEvent.Parse(text);
            string actual;
            if (!parsed.IsValid) actual = "ERROR";
            else
            {
                var runs = new List<string>();
                long last = start;
                for (var i = 0; i < 8; i++)
                {
                    if (parsed.Event!.Next(last) is not { } next) { runs.Add("none"); break; }
                    runs.Add(next.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    last = next;
                }
                actual = string.Join(",", runs);
            }
            var want = expected.StartsWith("ERROR", StringComparison.Ordinal) ? "ERROR" : expected;
            if (actual != want) mismatches.Add($"'{text}' after {start}: proxmox-time {expected}, pvelint {actual} {parsed.Error}");
        }
        Assert.True(rows.Count >= 1200, $"only {rows.Count} rows");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {rows.Count} disagree:\n" + string.Join("\n", mismatches.Take(40)));
    }

    [Fact]
    public void Weekly_worst_gaps_match_the_proxmox_time_chain()
    {
        var mismatches = new List<string>();
        var compared = 0;
        foreach (var row in Rows("worst-gap-week.proxmox-time.tsv"))
        {
            var parsed = CalendarEvent.Parse(row[0]);
            if (row[1] == "ERROR" || parsed.Event is not { HasDateFields: false } ev) continue;
            compared++;
            var analysis = ScheduleGaps.Walk(ev, ScheduleCycle.Week, ScheduleGaps.ReferenceWeek - 7 * 86400, ScheduleGaps.ReferenceWeek, ScheduleGaps.ReferenceWeek + 7 * 86400);
            var actual = analysis.Worst is { } w ? $"{w.Seconds}\t{w.From}\t{w.To}" : "none";
            var expected = string.Join("\t", row.Skip(1));
            if (actual != expected) mismatches.Add($"'{row[0]}': proxmox-time {expected}, pvelint {actual}");
        }
        Assert.True(compared >= 300, $"only {compared} weekly events compared");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} disagree:\n" + string.Join("\n", mismatches.Take(40)));
    }
}
