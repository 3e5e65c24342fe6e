using PveLint.Ceph;
using PveLint.Model;

namespace PveLint.Parsers.Tests.Ceph;

/// <summary>
/// The same map in another form gives the same facts: monmaptool --print text and quorum_status against
/// mon dump JSON; plain 'ceph osd dump' against its JSON; 'ceph osd tree' OSD states against the OSD dump.
/// </summary>
public class DumpFormEquivalenceTests
{
    private static IEnumerable<string> Prefixes(string suffix) => CephCorpus.DumpFiles()
        .Where(f => f.EndsWith(suffix, StringComparison.Ordinal))
        .Select(f => f[..^suffix.Length]);

    public static TheoryData<string> MonMapTextPrefixes() => new(Prefixes(".monmap.txt"));
    public static TheoryData<string> QuorumStatusPrefixes() => new(Prefixes(".quorum-status.json").Where(p => CephCorpus.DumpFiles().Contains(p + ".monmap.json")));
    public static TheoryData<string> OsdMapTextPrefixes() => new(Prefixes(".osdmap.txt"));
    public static TheoryData<string> OsdTreePrefixes() => new(Prefixes(".osd-tree.json"));

    private static CephModel One(string relative)
    {
        var (model, context) = CephCorpus.Read(relative);
        Assert.Empty(context.Diagnostics);
        return model;
    }

    private static object MonitorFacts(CephModel m) => new
    {
        Mons = string.Join(";", m.Monitors.Select(x => $"{x.Rank}:{x.Name}@{x.PublicAddress}[{string.Join(",", x.Addresses)}]{{{string.Join(",", x.CrushLocation.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}"))}}}")),
        m.ElectionStrategy,
        m.TiebreakerMonitor,
        m.StretchModeEnabled,
        Disallowed = string.Join(",", m.DisallowedLeaders),
    };

    [SharedTheory]
    [MemberData(nameof(MonMapTextPrefixes))]
    public void Monmaptool_print_gives_the_facts_of_mon_dump_json(string prefix)
    {
        var text = One(prefix + ".monmap.txt");
        var json = One(prefix + ".monmap.json");
        Assert.NotEmpty(text.Monitors);
        Assert.Equal(MonitorFacts(json), MonitorFacts(text));
        Assert.All(text.Monitors, x => Assert.Equal(1, x.Span.Column));
    }

    [SharedTheory]
    [MemberData(nameof(QuorumStatusPrefixes))]
    public void Quorum_status_carries_the_same_monitor_map(string prefix)
    {
        var quorum = One(prefix + ".quorum-status.json");
        var json = One(prefix + ".monmap.json");
        Assert.Equal(MonitorFacts(json), MonitorFacts(quorum));
        Assert.Equal(json.Quorum.ToArray(), quorum.Quorum.ToArray());
    }

    private static string PoolFacts(CephPool p) =>
        $"{p.Id} {p.Name} {p.Type} {p.Size}/{p.MinSize} rule {p.CrushRule} pg {p.PgNum}/{p.PgpNum} stretch={p.IsStretchPool} " +
        $"flags={string.Join(",", p.Flags)} apps={string.Join(",", p.Applications)} profile={p.ErasureCodeProfile}";

    [SharedTheory]
    [MemberData(nameof(OsdMapTextPrefixes))]
    public void Plain_osd_dump_gives_the_facts_of_its_json(string prefix)
    {
        var text = One(prefix + ".osdmap.txt");
        var json = One(prefix + ".osdmap.json");
        Assert.NotEmpty(text.Pools);
        Assert.Equal(json.Pools.Select(PoolFacts), text.Pools.Select(PoolFacts));
        Assert.Equal(json.Osds.Select(o => (o.Id, o.Up, o.In, o.Weight)), text.Osds.Select(o => (o.Id, o.Up, o.In, o.Weight)));
        var (t, j) = (text.Stretch!, json.Stretch!);
        Assert.Equal((j.Enabled, j.BucketCount, j.Degraded, j.Recovering, j.BucketTypeId), (t.Enabled, t.BucketCount, t.Degraded, t.Recovering, t.BucketTypeId));
        // Pacific's text has no peering fields; the inferred count matches the JSON in healthy and degraded mode.
        Assert.Equal(json.Pools.Select(p => p.PeeringCrushBucketCount), text.Pools.Select(p => p.PeeringCrushBucketCount));
    }

    [SharedTheory]
    [MemberData(nameof(OsdTreePrefixes))]
    public void Osd_tree_gives_the_osd_states_of_the_osd_dump(string prefix)
    {
        var tree = One(prefix + ".osd-tree.json");
        var dump = One(prefix + ".osdmap.json");
        Assert.NotEmpty(tree.Osds);
        Assert.Equal(dump.Osds.Select(o => (o.Id, o.Up, o.In, o.Weight)), tree.Osds.Select(o => (o.Id, o.Up, o.In, o.Weight)));
        Assert.Null(tree.Crush); // the tree is not turned into a half CRUSH map
    }

    [SharedFact]
    public void Osd_dump_text_line_spans_point_at_the_pool_and_osd_lines()
    {
        var m = One("a-stretch-2dc-ssd.osdmap.txt");
        Assert.Equal((18, 1), (m.Pools[0].Span.Line, m.Pools[0].Span.Column));
        Assert.Equal((21, 1), (m.Osds[0].Span.Line, m.Osds[0].Span.Column));
        Assert.Equal(13, m.Stretch!.Span.Line);
    }

    [SharedFact]
    public void Skipped_kinds_are_recognised()
    {
        var expected = new Dictionary<string, CephDumpKind>
        {
            [".crushtool-test.txt"] = CephDumpKind.CrushToolTest,
            [".pg-mappings.txt"] = CephDumpKind.PgMappings,
            [".lab-transcript.txt"] = CephDumpKind.Transcript,
            [".transcript.txt"] = CephDumpKind.Transcript,
            [".status.txt"] = CephDumpKind.StatusText,
            [".pg-ls.json"] = CephDumpKind.PgListJson,
            [".pgs-brief.json"] = CephDumpKind.PgListJson,
            [".health.json"] = CephDumpKind.HealthJson,
            [".osd-tree.json"] = CephDumpKind.OsdTreeJson,
            [".quorum-status.json"] = CephDumpKind.QuorumStatusJson,
            [".monmap.json"] = CephDumpKind.MonMapJson,
            [".monmap.newer-keys.json"] = CephDumpKind.MonMapJson,
            [".monmap.txt"] = CephDumpKind.MonMapText,
            [".osdmap.json"] = CephDumpKind.OsdMapJson,
            [".osdmap.txt"] = CephDumpKind.OsdMapText,
            [".crush.json"] = CephDumpKind.CrushJson,
            [".crush.quincy-style.json"] = CephDumpKind.CrushJson,
            [".crush.txt"] = CephDumpKind.CrushText,
            [".crush.src.txt"] = CephDumpKind.CrushText,
            [".crush.quincy-style.txt"] = CephDumpKind.CrushText,
        };
        foreach (var file in CephCorpus.DumpFiles())
        {
            var suffix = expected.Keys.Where(s => file.EndsWith(s, StringComparison.Ordinal)).MaxBy(s => s.Length);
            Assert.True(suffix is not null, $"no expectation for {file}");
            Assert.Equal((file, expected[suffix!]), (file, CephDumpRecognizer.Recognize(CephCorpus.File(file)).Kind));
        }
    }
}
