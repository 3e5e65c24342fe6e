using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.HighAvailability;
using PveLint.Json;
using PveLint.Text;

namespace PveLint.Parsers.Tests.ManagerStatus;

/// <summary>ha/manager_status: the CRM's JSON, bad JSON (PVE0001) and wrong shapes (PVE0010).</summary>
public class ManagerStatusTests
{
    private const string Path = "etc/pve/ha/manager_status";

    private static (Model.ManagerStatus? Status, IReadOnlyList<Diagnostic> Diagnostics) Read(string text)
    {
        var context = new BindContext();
        var status = ManagerStatusReader.Read(new SourceFile(Path, text), context);
        return (status, context.Diagnostics);
    }

    private static (string Id, int Line, int Column, int EndLine, int EndColumn) Where(Diagnostic d) =>
        (d.Id, d.Span!.Value.Line, d.Span.Value.Column, d.Span.Value.EndLine, d.Span.Value.EndColumn);

    private const string Written = """
        {
            "master_node": "pve2",
            "node_status": {
                "pve1": "fence",
                "pve2": "online",
                "pve3": "maintenance"
            },
            "service_status": {
                "vm:101": { "node": "pve1", "state": "fence", "uid": "Xk2tL0aAbCdEfGhIjKlMnA" },
                "ct:102": { "node": "pve3", "state": "started", "uid": "q1w2e3r4t5y6u7i8o9p0aa", "running": 1,
                            "failed_nodes": ["pve1"], "maintenance_node": "pve3" },
                "vm:103": { "node": "pve2", "state": "migrate", "target": "pve3", "uid": "zzzzzzzzzzzzzzzzzzzzzz" }
            },
            "node_request": {},
            "timestamp": 1767225600
        }
        """;

    [Fact]
    public void Crm_status_gives_master_node_states_and_service_placement()
    {
        var (status, diagnostics) = Read(Written);
        Assert.Empty(diagnostics);
        Assert.Equal(Path, status!.Path);
        Assert.Equal("pve2", status.MasterNode);
        Assert.Equal([("pve1", "fence"), ("pve2", "online"), ("pve3", "maintenance")], status.NodeStates.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)));
        Assert.Equal([("ct:102", "pve3", "started"), ("vm:101", "pve1", "fence"), ("vm:103", "pve2", "migrate")],
            status.Services.Values.OrderBy(s => s.Sid).Select(s => (s.Sid, s.Node!, s.State!)));
    }

    [Fact]
    public void Json_tree_keeps_exact_spans()
    {
        var json = JsonTreeParser.Parse(new SourceFile(Path, Written), ManagerStatusReader.MaxDepth);
        Assert.Null(json.Error);
        var obj = json.Root!;
        Assert.Equal(JsonKind.Object, obj.Kind);
        Assert.Equal((1, 1, 16, 2), (obj.Span.Line, obj.Span.Column, obj.Span.EndLine, obj.Span.EndColumn));
        var master = obj.LastMember("master_node")!.Value;
        Assert.Equal(JsonKind.String, master.Kind);
        Assert.Equal((2, 20, 2, 26), (master.Span.Line, master.Span.Column, master.Span.EndLine, master.Span.EndColumn));
        var name = obj.Members[0];
        Assert.Equal(("master_node", 2, 5, 2, 18), (name.Name, name.NameSpan.Line, name.NameSpan.Column, name.NameSpan.EndLine, name.NameSpan.EndColumn));
        var failed = obj.LastMember("service_status")!.Value.LastMember("ct:102")!.Value.LastMember("failed_nodes")!.Value;
        Assert.Equal(JsonKind.Array, failed.Kind);
        Assert.Equal((11, 37, 11, 45), (failed.Span.Line, failed.Span.Column, failed.Span.EndLine, failed.Span.EndColumn));
    }

    [Fact]
    public void Empty_file_is_an_empty_status_like_json_reader()
    {
        var (status, diagnostics) = Read("");
        Assert.Empty(diagnostics);
        Assert.Null(status!.MasterNode);
        Assert.Empty(status.Services);
        Assert.Empty(status.NodeStates);
        Assert.NotNull(Read("{}").Status);
    }

    [Fact]
    public void Missing_colon_is_a_syntax_error_at_the_reported_position()
    {
        var (status, diagnostics) = Read("{\"master_node\": \"n1\",\n  \"node_status\": {\"n1\" \"online\"}}");
        Assert.Null(status);
        var d = Assert.Single(diagnostics);
        Assert.Equal(("PVE0001", 2, 24, 2, 25), Where(d));
        Assert.Equal("etc/pve/ha/manager_status is not valid JSON ('\"' is invalid after a property name. Expected a ':'), so the HA manager cannot read it.", d.Message);
    }

    [Fact]
    public void Columns_count_characters_not_utf8_bytes()
    {
        var (_, diagnostics) = Read("{\"master_node\": \"nœud-é\", x}");
        Assert.Equal(("PVE0001", 1, 27, 1, 28), Where(Assert.Single(diagnostics)));
    }

    [Fact]
    public void An_error_at_a_carriage_return_stays_on_its_line()
    {
        // A raw "\r\n" inside a string near the end, after lines broken by a lone '\r' (System.Text.Json counts
        // '\n' only): the error is at the '\r', and the span must not end between '\r' and '\n'.
        var (status, diagnostics) = Read("{\"master_node\": \"n1\",\r\"timestamp\": 1,\r\n\"node_status\": {\"n1\": \"online\r\n\"}}");
        Assert.Null(status);
        var d = Assert.Single(diagnostics);
        Assert.Equal(("PVE0001", 3, 30, 3, 30), Where(d));
        Assert.StartsWith("etc/pve/ha/manager_status is not valid JSON ('0x0D' is invalid within a JSON string.", d.Message);

        var (_, afterLoneCr) = Read("{\"master_node\": \"n1\",\r\"timestamp\": 1,\r\"node_status\": x}");
        Assert.Equal(("PVE0001", 3, 16, 3, 17), Where(Assert.Single(afterLoneCr)));
    }

    [Theory]
    [InlineData("{\"a\": 1,}", 1, 9)]
    [InlineData("{\"a\": 1} // written by hand", 1, 10)]
    [InlineData("   \n  ", 2, 3)]
    [InlineData("{\"a\": [1, 2}", 1, 12)]
    [InlineData("{\"a\": tru}", 1, 10)]
    public void Strict_json_like_perl_decode_json(string text, int line, int column)
    {
        var (status, diagnostics) = Read(text);
        Assert.Null(status);
        var d = Assert.Single(diagnostics);
        Assert.Equal(("PVE0001", line, column), (d.Id, d.Span!.Value.Line, d.Span.Value.Column));
    }

    [Fact]
    public void Nesting_deeper_than_json_xs_allows_is_a_syntax_error()
    {
        var text = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 600)) + string.Concat(Enumerable.Repeat("]", 600)) + "}";
        var (_, diagnostics) = Read(text);
        Assert.Equal("PVE0001", Assert.Single(diagnostics).Id);
        Assert.Empty(Read("{\"a\":" + string.Concat(Enumerable.Repeat("[", 500)) + string.Concat(Enumerable.Repeat("]", 500)) + "}").Diagnostics);
    }

    [Fact]
    public void Root_that_is_not_an_object_is_unreadable()
    {
        var (status, diagnostics) = Read("[\"vm:100\"]\n");
        Assert.Null(status);
        var d = Assert.Single(diagnostics);
        Assert.Equal(("PVE0010", 1, 1, 1, 11), Where(d));
        Assert.Equal("etc/pve/ha/manager_status holds a JSON array, not the object the HA manager writes, so it is ignored.", d.Message);
    }

    [Fact]
    public void Wrong_field_types_are_reported_and_the_rest_is_read()
    {
        var (status, diagnostics) = Read("""
            {"master_node": 7,
             "node_status": ["n1"],
             "service_status": {"vm:100": "started",
                                "vm:101": {"node": 3, "state": "started"},
                                "vm:102": {"node": "n2", "state": "stopped"}}}
            """);
        Assert.Equal([("PVE0010", 1, 17, 1, 18), ("PVE0010", 2, 17, 2, 23), ("PVE0010", 3, 31, 3, 40), ("PVE0010", 4, 40, 4, 41)], diagnostics.Select(Where));
        Assert.Equal("'master_node' in etc/pve/ha/manager_status is a JSON number, not a node name, so it is ignored.", diagnostics[0].Message);
        Assert.Equal("'node_status' in etc/pve/ha/manager_status is a JSON array, not an object of node states, so it is ignored.", diagnostics[1].Message);
        Assert.Equal("Service 'vm:100' in etc/pve/ha/manager_status is a JSON string, not an object, so it is ignored.", diagnostics[2].Message);
        Assert.Equal("'node' of service 'vm:101' in etc/pve/ha/manager_status is a JSON number, not a string, so it is ignored.", diagnostics[3].Message);
        Assert.Null(status!.MasterNode);
        Assert.Empty(status.NodeStates);
        Assert.Equal([("vm:101", null, "started"), ("vm:102", "n2", "stopped")], status.Services.Values.OrderBy(s => s.Sid).Select(s => (s.Sid, s.Node, s.State)));
    }

    [Fact]
    public void Repeated_names_keep_the_last_value_like_perl()
    {
        var (status, diagnostics) = Read("{\"master_node\": \"a\", \"master_node\": \"b\", \"node_status\": {\"n1\": \"online\", \"n1\": \"unknown\"}}");
        Assert.Empty(diagnostics);
        Assert.Equal("b", status!.MasterNode);
        Assert.Equal("unknown", status.NodeStates["n1"]);
    }
}
