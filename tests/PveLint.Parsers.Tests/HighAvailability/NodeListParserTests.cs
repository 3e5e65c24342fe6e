using PveLint.HighAvailability;

namespace PveLint.Parsers.Tests.HighAvailability;

/// <summary>The Pidgin grammar of HA node lists (Tools.pm <c>pve-ha-node</c>, <c>parse_node_priority</c>).</summary>
public class NodeListParserTests
{
    [Theory]
    [InlineData("node1", "node1", 0)]
    [InlineData("node1:2", "node1", 2)]
    [InlineData("pve-a1:007", "pve-a1", 7)]
    [InlineData("a", "a", 0)]
    [InlineData("n:99999999999999999999", "n", int.MaxValue)]
    public void Parses_node_and_priority(string entry, string node, int priority)
    {
        Assert.True(NodeListParser.TryParseEntry(entry, out var n, out var p));
        Assert.Equal((node, priority), (n, p));
    }

    [Theory]
    [InlineData("node-")]
    [InlineData("-node")]
    [InlineData("node_1")]
    [InlineData("node1:-1")]
    [InlineData("node1:")]
    [InlineData("node1:2:3")]
    [InlineData("nöde")]
    [InlineData("")]
    public void Rejects_what_PVE_rejects(string entry) => Assert.False(NodeListParser.TryParseEntry(entry, out _, out _));

    [Fact]
    public void Splits_on_commas_semicolons_and_whitespace_with_offsets()
    {
        var items = NodeListParser.Parse(" node1:2, node2;node3  bad_one");
        Assert.Equal([(1, "node1", 2), (10, "node2", 0), (16, "node3", 0)], items.Where(i => i.IsValid).Select(i => (i.Offset, i.Node!, i.Priority)));
        var bad = Assert.Single(items, i => !i.IsValid);
        Assert.Equal((23, "bad_one"), (bad.Offset, bad.Text));
    }
}
