using PveLint.Diagnostics;
using PveLint.HighAvailability;
using PveLint.Model;
using static PveLint.Parsers.Tests.ReaderTestKit;

namespace PveLint.Parsers.Tests.HighAvailability;

/// <summary>ha/groups.cfg (reference/pve-ha-manager.md §1.3): traps and every corpus groups file.</summary>
public class HaGroupsTests() : ReaderTests<List<HaGroup>>("etc/pve/ha/groups.cfg", (f, c) => HaConfigReader.ReadGroups(f, c).ToList())
{
    private static (string, int)[] Nodes(HaGroup group) => group.Nodes.Select(n => (n.Node.Value, n.Priority)).ToArray();

    [Fact]
    public void A_group_without_nodes_or_with_one_bad_node_is_dropped()
    {
        var (groups, context) = Read("group: empty\n\trestricted 1\n\ngroup: bad\n\tnodes node1,node_2\n\ngroup: negative\n\tnodes node1:-1\n\ngroup: good\n\tnodes node1:10 node2\n\tnofailback 1\n");

        var good = Assert.Single(groups);
        Assert.Equal(("good", false, true), (good.Id.Value, good.Restricted, good.NoFailback));
        Assert.Equal([("node1", 10), ("node2", 0)], Nodes(good));
        Assert.Equal(
            [(DiagnosticIds.MissingRequiredKey, 1, 1), (DiagnosticIds.InvalidValue, 5, 14), (DiagnosticIds.MissingRequiredKey, 4, 1),
             (DiagnosticIds.InvalidValue, 8, 8), (DiagnosticIds.MissingRequiredKey, 7, 1)],
            context.Positions());
        Assert.Contains("'node_2' does not look like a valid HA node", context.Diagnostics[1].Message);
    }

    [SharedFact]
    public void Corpus_pve_docs_groups()
    {
        var (groups, context) = ReadCorpus("proxmox-pve-docs", "ha-manager-groups", "groups.cfg");
        Assert.Empty(context.Diagnostics);
        Assert.Equal(["prefer_node1", "mygroup1", "mygroup2"], groups.Select(g => g.Id.Value));
        Assert.Equal([("node1", 0)], Nodes(groups[0]));
        Assert.Equal([("node2", 1), ("node4", 0), ("node1", 2), ("node3", 1)], Nodes(groups[1]));
        Assert.Equal([("node2", 0), ("node1", 0)], Nodes(groups[2]));
        Assert.Equal([false, false, true], groups.Select(g => g.Restricted));
        Assert.All(groups, g => Assert.False(g.NoFailback));
        Assert.Equal((5, 14), (groups[1].Nodes[0].Node.Span.Line, groups[1].Nodes[0].Node.Span.Column));
    }

    [SharedFact]
    public void Corpus_ha_manager_test_group_migrate1_groups()
    {
        var (groups, context) = ReadCorpus("proxmox-pve-ha-manager", "test-group-migrate1", "groups");
        Assert.Empty(context.Diagnostics);
        Assert.Equal(["group1", "group2"], groups.Select(g => g.Id.Value));
        Assert.Equal((true, false), (groups[0].Restricted, groups[0].NoFailback));
        Assert.Equal((false, true), (groups[1].Restricted, groups[1].NoFailback));
        Assert.Equal([("node1", 0)], Nodes(groups[0]));
        Assert.Equal([("node2", 2), ("node3", 0)], Nodes(groups[1]));
    }
}
