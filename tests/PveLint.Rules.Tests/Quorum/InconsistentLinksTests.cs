using PveLint.Binding;
using PveLint.Rules.Quorum;
using PveLint.Sources;

namespace PveLint.Rules.Tests.Quorum;

/// <summary>PVE1006 against totemconfig.c's link checks (issue 7 class 15), as corosync 3.1.7 ran them.</summary>
public class InconsistentLinksTests
{
    private static List<string> Messages(params string[] nodes)
    {
        var text = "totem {\n  version: 2\n  cluster_name: c\n}\nnodelist {\n"
                   + string.Concat(nodes.Select((links, i) => $"  node {{\n    name: n{i + 1}\n    nodeid: {i + 1}\n{links}  }}\n"))
                   + "}\nquorum {\n  provider: corosync_votequorum\n}\n";
        var model = ClusterBinder.Bind(ConfigTree.FromTexts(new Dictionary<string, string> { ["etc/pve/corosync.conf"] = text }));
        return new InconsistentLinks().Check(model).Select(f => f.Message).ToList();
    }

    [Fact]
    public void A_node_without_any_address_is_left_out_and_corosync_starts()
    {
        var message = Assert.Single(Messages("    ring0_addr: 10.0.0.1\n", "", "    ring0_addr: 10.0.0.3\n"));
        Assert.StartsWith("Node n2 has no link address at all: corosync starts", message);
    }

    [Fact]
    public void Links_with_different_member_counts_are_a_refusal()
    {
        var message = Assert.Single(Messages("    ring0_addr: 10.0.0.1\n    ring1_addr: 10.1.0.1\n", "    ring0_addr: 10.0.0.2\n"));
        Assert.Contains("corosync refuses to start ('Not all nodes have the same number of links'; on n2 first 'No multicast port specified for interface 1')", message);
    }
}
