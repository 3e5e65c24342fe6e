using PveLint.Binding;
using PveLint.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Parsers.Tests.Ceph;

/// <summary>Diagnostics of the dump reader as a whole, and how it merges several dumps.</summary>
public class CephDumpReaderTests
{
    private static (CephModel Model, IReadOnlyList<Diagnostic> Diagnostics) Read(params (string Path, string Text)[] files)
    {
        var context = new BindContext();
        var model = CephDumpReader.Read(files.Select(f => new SourceFile(f.Path, f.Text)).ToList(), context);
        return (model, context.Diagnostics);
    }

    [Fact]
    public void Json_of_an_unknown_shape_is_unreadable_input_naming_the_file_and_what_was_expected()
    {
        var (model, diagnostics) = Read(("ceph/df.json", "{\"stats\": {}, \"stats_by_class\": {}}"));
        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticIds.UnreadableInput, d.Id);
        Assert.Equal(SourceSpan.WholeFile("ceph/df.json"), d.Span);
        Assert.StartsWith("ceph/df.json holds JSON with the top-level keys 'stats', 'stats_by_class', which is no Ceph dump pvelint knows; expected a decompiled CRUSH map", d.Message);
        Assert.Equal(CephModel.Empty.Monitors, model.Monitors);
    }

    [Theory]
    [InlineData("ceph/pools.json", "[{\"pool_name\": \"rbd\"}]", "holds JSON an array at the top")]
    [InlineData("ceph/notes.txt", "these are my notes\nabout the cluster\n", "is not a Ceph dump pvelint recognises")]
    [InlineData("ceph/empty.txt", "  \n\n", "is empty")]
    public void Other_unrecognised_files_are_unreadable_input(string path, string text, string reason)
    {
        var d = Assert.Single(Read((path, text)).Diagnostics);
        Assert.Equal(DiagnosticIds.UnreadableInput, d.Id);
        Assert.Contains($"{path} {reason}", d.Message);
    }

    [Fact]
    public void Invalid_json_is_a_syntax_error_with_line_and_column()
    {
        var d = Assert.Single(Read(("ceph/mon.json", "{\n  \"epoch\": 3,\n  \"mons\": [ {\"name\": \"a\" \"rank\": 0} ]\n}")).Diagnostics);
        Assert.Equal(DiagnosticIds.SyntaxError, d.Id);
        Assert.Equal((3, 26), (d.Span!.Value.Line, d.Span.Value.Column));
        Assert.StartsWith("ceph/mon.json is not valid JSON at line 3, column 26: ", d.Message);
    }

    [Fact]
    public void Json_objects_without_the_fields_the_model_needs_are_reported_and_skipped()
    {
        var (model, diagnostics) = Read(("ceph/osd.json", """
            {
              "epoch": 5,
              "pools": [
                { "pool": 1, "pool_name": "a", "size": 3, "crush_rule": 0 },
                { "pool": 2, "pool_name": "b", "size": "three", "min_size": 2, "crush_rule": 0 },
                { "pool": 3, "pool_name": "c", "size": 3, "min_size": 2, "crush_rule": 0, "pg_num": 8 }
              ],
              "osds": [ { "osd": 0, "up": 1, "in": 1, "weight": 1 } ]
            }
            """));
        Assert.Equal([(DiagnosticIds.MissingRequiredKey, 4, 5), (DiagnosticIds.InvalidValue, 5, 44)], diagnostics.Select(d => (d.Id, d.Span!.Value.Line, d.Span.Value.Column)));
        Assert.Equal("Pool 'a' has no \"min_size\" member, so it is left out of the model.", diagnostics[0].Message);
        Assert.Equal("\"size\" of pool 'b' is a string, but Ceph writes an integer there; the value is ignored.", diagnostics[1].Message);
        Assert.Equal(["c"], model.Pools.Select(p => p.Name));
        Assert.Equal((true, true, 1.0), (model.Osds[0].Up, model.Osds[0].In, model.Osds[0].Weight));
    }

    [Fact]
    public void A_file_reports_at_most_a_hundred_problems_and_then_how_many_more()
    {
        var text = "epoch 1\nmax_osd 3\n" + string.Concat(Enumerable.Repeat("pool 7 'broken\n", 250));
        var diagnostics = Read(("ceph/osd.txt", text)).Diagnostics;
        Assert.Equal(DumpDiagnostics.Limit + 1, diagnostics.Count);
        Assert.Equal((DiagnosticIds.SyntaxError, 3, 1), (diagnostics[0].Id, diagnostics[0].Span!.Value.Line, diagnostics[0].Span!.Value.Column));
        Assert.Equal("ceph/osd.txt has 150 more problems that are not listed one by one.", diagnostics[^1].Message);
    }

    [Fact]
    public void Malformed_monitor_lines_of_a_text_monmap_are_syntax_errors()
    {
        var (model, diagnostics) = Read(("ceph/mon.txt", "epoch 2\nlast_changed x\n0: [v2:10.0.0.1:3300/0] mon.a\n1: garbage\n"));
        Assert.Equal(["a"], model.Monitors.Select(m => m.Name));
        var d = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticIds.SyntaxError, 4), (d.Id, d.Span!.Value.Line));
    }

    [Fact]
    public void The_monitor_map_with_the_highest_epoch_wins_whatever_the_file_order()
    {
        const string older = "{\"epoch\": 3, \"election_strategy\": 1, \"mons\": [{\"rank\": 0, \"name\": \"old\"}]}";
        const string newer = "{\"epoch\": 4, \"election_strategy\": 3, \"mons\": [{\"rank\": 0, \"name\": \"new\"}]}";
        foreach (var (a, b) in new[] { (older, newer), (newer, older) })
        {
            var (model, diagnostics) = Read(("ceph/a.json", a), ("ceph/b.json", b));
            Assert.Empty(diagnostics);
            Assert.Equal(("new", "connectivity"), (model.Monitors[0].Name, model.ElectionStrategy));
        }
    }

    [SharedFact]
    public void At_equal_epochs_json_wins_over_text_and_quorum_comes_from_the_dump_that_has_it()
    {
        var (model, _) = CephCorpus.Read("a-stretch-2dc-ssd.site2-down.monmap.txt", "a-stretch-2dc-ssd.site2-down.quorum-status.json");
        Assert.EndsWith(".json", model.Monitors[0].Span.Path);
        Assert.Equal(["pve1", "pve2", "pve5"], model.Quorum.ToArray());

        var (textOnly, _) = CephCorpus.Read("a-stretch-2dc-ssd.monmap.txt");
        Assert.Empty(textOnly.Quorum);
        Assert.Equal(10, textOnly.Monitors[0].Span.Line);
    }

    [SharedFact]
    public void The_crush_json_dump_wins_over_the_text_map_and_the_text_map_is_used_alone()
    {
        var (both, _) = CephCorpus.Read("a-stretch-2dc-ssd.crush.txt", "a-stretch-2dc-ssd.crush.json");
        Assert.Equal("ceph/a-stretch-2dc-ssd.crush.json", both.Crush!.Path);
        var (text, _) = CephCorpus.Read("a-stretch-2dc-ssd.crush.txt");
        Assert.Equal("ceph/a-stretch-2dc-ssd.crush.txt", text.Crush!.Path);
        Assert.Equal((54, 1), (text.Crush.Bucket("site1")!.Span.Line, text.Crush.Bucket("site1")!.Span.Column));
    }

    [SharedFact]
    public void Osd_tree_fills_the_osds_only_when_no_osd_dump_is_given()
    {
        var (treeOnly, _) = CephCorpus.Read("osd-lab/r-2dc-osds.1-nostretch-healthy.monmap.json", "a-stretch-2dc-ssd.osd-tree.json");
        Assert.Equal(8, treeOnly.Osds.Length);
        Assert.All(treeOnly.Osds, o => Assert.EndsWith("osd-tree.json", o.Span.Path));
        var (withDump, _) = CephCorpus.Read("a-stretch-2dc-ssd.osd-tree.json", "a-stretch-2dc-ssd.osdmap.json");
        Assert.All(withDump.Osds, o => Assert.EndsWith("osdmap.json", o.Span.Path));
    }

    [SharedFact]
    public void The_whole_corpus_at_once_reads_without_diagnostics_and_picks_deterministically()
    {
        var (model, context) = CephCorpus.Read(CephCorpus.DumpFiles().ToArray());
        Assert.Empty(context.Diagnostics);
        Assert.Equal("ceph/a-stretch-2dc-ssd.crush.json", model.Crush!.Path); // first JSON dump by path
        Assert.Equal("ceph/osd-lab/r-2dc-osds.6-stretch-healthy-again.monmap.json", model.Monitors[0].Span.Path); // epoch 10
        Assert.Equal("ceph/osd-lab/r-2dc-osds.6-stretch-healthy-again.osdmap.json", model.Pools[0].Span.Path); // epoch 34
    }

    [SharedFact]
    public void The_cluster_binder_hands_every_file_under_ceph_to_the_reader()
    {
        var tree = PveLint.Sources.ConfigTree.FromTexts(
        [
            new("ceph/crush.txt", CephCorpus.File("a-stretch-2dc-ssd.crush.txt").Text),
            new("ceph/mon.json", CephCorpus.File("a-stretch-2dc-ssd.monmap.json").Text),
            new("ceph/osd.txt", CephCorpus.File("a-stretch-2dc-ssd.osdmap.txt").Text),
        ]);
        var model = ClusterBinder.Bind(tree);
        Assert.DoesNotContain(model.Diagnostics, d => d.Span?.Path.StartsWith("ceph/", StringComparison.Ordinal) == true);
        Assert.Equal("ceph/crush.txt", model.Ceph.Crush!.Path);
        Assert.Equal(5, model.Ceph.Monitors.Length);
        Assert.Equal(2, model.Ceph.Pools.Length);
    }
}
