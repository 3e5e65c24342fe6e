using System.Text;
using PveLint.Binding;
using PveLint.Ceph;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Parsers.Tests.Ceph;

/// <summary>
/// Bucket graphs that are not trees (issue 6): one bucket listed twice per level made every walk of the map
/// exponential; a cycle never ended. Both forms of the map report them at the bucket and stay linear.
/// </summary>
public class CrushTopologyTests
{
    private static (CephModel Model, IReadOnlyList<Diagnostic> Diagnostics) Read(string path, string text)
    {
        var context = new BindContext();
        var model = CephDumpReader.Read([new SourceFile(path, text)], context);
        return (model, context.Diagnostics);
    }

    /// <summary>host pve1, then <paramref name="levels"/> datacenter buckets, each listing the one below twice.</summary>
    private static string DoublingChain(int levels)
    {
        var text = new StringBuilder("type 0 osd\ntype 1 host\ntype 8 datacenter\ndevice 0 osd.0\nhost pve1 {\n\tid -1\n\talg straw2\n\titem osd.0 weight 1.0\n}\n");
        var below = "pve1";
        for (var i = 0; i < levels; i++)
        {
            text.Append($"datacenter dc{i} {{\n\tid -{i + 2}\n\talg straw2\n\titem {below} weight 1.0\n\titem {below} weight 1.0\n}}\n");
            below = $"dc{i}";
        }
        return text.ToString();
    }

    [Fact]
    public void A_bucket_listing_an_item_twice_is_PVE0004_at_the_bucket_and_costs_no_more_than_the_map()
    {
        // 40 levels are 2^40 paths from the top: a walk per path would never end.
        var (model, diagnostics) = Read("ceph/crush.txt", DoublingChain(40));

        Assert.Equal(40, diagnostics.Count(d => d.Id == DiagnosticIds.DuplicateKey));
        var first = diagnostics.First(d => d.Id == DiagnosticIds.DuplicateKey);
        Assert.Equal(10, first.Span!.Value.Line); // 'datacenter dc0 {'
        Assert.Equal("Bucket 'dc0' lists item 'pve1' 2 times; CRUSH draws it once per entry, so it gets the weight of all of them (2) instead of its own.", first.Message);
        Assert.Equal(41, model.Crush!.Buckets.Length);
    }

    [Fact]
    public void Site_derivation_visits_each_bucket_once()
    {
        var tree = PveLint.Sources.ConfigTree.FromTexts(new Dictionary<string, string>
        {
            ["ceph/crush.txt"] = DoublingChain(40),
            ["etc/pve/nodes/pve1/lrm_status"] = "{}",
        });
        var model = ClusterBinder.Bind(tree);

        // Every datacenter holds pve1 (through the chain); the first one in map order places it.
        var site = Assert.Single(model.Sites);
        Assert.Equal("dc0", site.Name);
        Assert.Equal("pve1", Assert.Single(site.Nodes));
    }

    [Fact]
    public void A_cycle_in_the_json_dump_is_PVE0003_at_the_bucket_that_closes_it()
    {
        const string dump = """
            {
              "devices": [],
              "types": [{"type_id": 1, "name": "host"}, {"type_id": 8, "name": "datacenter"}],
              "buckets": [
                {"id": -1, "name": "a", "type_name": "datacenter", "alg": "straw2", "items": [{"id": -2, "weight": 65536, "pos": 0}]},
                {"id": -2, "name": "b", "type_name": "datacenter", "alg": "straw2", "items": [{"id": -3, "weight": 65536, "pos": 0}]},
                {"id": -3, "name": "c", "type_name": "datacenter", "alg": "straw2", "items": [{"id": -1, "weight": 65536, "pos": 0}]}
              ],
              "rules": []
            }
            """;
        var (_, diagnostics) = Read("ceph/crush.json", dump);

        var cycle = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticIds.InvalidValue, cycle.Id);
        Assert.Equal(7, cycle.Span!.Value.Line); // bucket 'c'
        Assert.Equal("Bucket 'c' contains bucket 'a', which contains it in turn (a → b → c → a); CRUSH buckets must not form a cycle.", cycle.Message);
    }
}
