using System.Net;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Sources;

namespace PveLint.Parsers.Tests.ModelIndex;

public class ClusterModelIndexTests
{
    private const string Corosync = """
        nodelist {
          node {
            name: pve-a1
            nodeid: 1
            quorum_votes: 2
            ring0_addr: 10.1.0.11
            ring1_addr: 10.91.0.11
          }
          node {
            name: pve-b1
            nodeid: 2
            ring0_addr: 10.2.0.11
          }
        }
        quorum {
          provider: corosync_votequorum
          device {
            model: net
            net {
              host: 10.9.0.5
              algorithm: ffsplit
            }
          }
        }
        totem {
          cluster_name: t
          config_version: 1
        }

        """;

    private const string Yaml = """
        sites:
          room-a: { nodes: [pve-a1], addresses: [10.1.0.0/24, 192.0.2.7] }
          room-b: { nodes: [pve-b1], addresses: ["2001:db8:b::/48"] }
          witness: { role: witness, qdevice: true, tiebreaker-monitor: true, addresses: [10.9.0.0/24] }
        nodes:
          pve-a1: { memory-gib: 256, cores: 32 }

        """;

    private static ClusterModel Bind(Dictionary<string, string> files) => ClusterBinder.Bind(ConfigTree.FromTexts(files));

    private static ClusterModel TwoRooms() => Bind(new()
    {
        ["etc/pve/corosync.conf"] = Corosync,
        [".pvelint.yaml"] = Yaml,
        ["etc/pve/nodes/pve-a1/qemu-server/100.conf"] = "name: web1\nmemory: 2048\n",
        ["etc/pve/nodes/pve-b1/lxc/200.conf"] = "hostname: dns2\n",
        ["hosts/pve-b1/etc/default/pve-ha-manager"] = "WATCHDOG_MODULE=ipmi_watchdog\n",
    });

    [Fact]
    public void Nodes_carry_votes_links_site_watchdog_guests_and_capacity()
    {
        var model = TwoRooms();
        Assert.Equal(["pve-a1", "pve-b1"], model.Nodes.Select(n => n.Name));
        var a1 = model.Node("pve-a1")!;
        Assert.Equal(2, a1.Votes);
        Assert.Equal(1, a1.NodeId);
        Assert.Equal(["10.1.0.11", "10.91.0.11"], a1.LinkAddresses);
        Assert.Equal("room-a", a1.Site?.Name);
        Assert.Equal([100], a1.Guests.Select(g => g.VmId));
        Assert.Equal(256, a1.Capacity?.MemoryGiB);
        Assert.Null(a1.Watchdog);
        var b1 = model.Node("pve-b1")!;
        Assert.Equal(1, b1.Votes);
        Assert.Equal("ipmi_watchdog", b1.Watchdog?.Module?.Value);
        Assert.Equal([200], model.GuestsOn("pve-b1").Select(g => g.VmId));
        Assert.Null(model.Node("pve-c1"));
    }

    [Fact]
    public void Votes_are_unknown_without_corosync_conf()
    {
        var model = Bind(new() { ["etc/pve/nodes/pve1/qemu-server/100.conf"] = "memory: 512\n" });
        Assert.Null(Assert.Single(model.Nodes).Votes);
    }

    [Fact]
    public void Sites_keep_their_addresses_and_tiebreaker_flag()
    {
        var model = TwoRooms();
        Assert.Empty(model.Diagnostics.Where(d => d.Id == DiagnosticIds.InvalidLinterConfig));
        var roomA = model.SiteNamed("room-a")!;
        Assert.Equal(["10.1.0.0/24", "192.0.2.7/32"], roomA.Addresses.Select(a => a.Value.ToString()));
        Assert.True(model.SiteNamed("witness")!.HasTiebreakerMonitor);
        Assert.Equal(["room-a", "room-b"], model.DataSites.Select(s => s.Name));
    }

    [Theory]
    [InlineData("10.9.0.5", "witness", PlacementBasis.SiteNetwork, null)]
    [InlineData("10.1.0.11", "room-a", PlacementBasis.ClusterNode, "pve-a1")]
    [InlineData("10.91.0.11", "room-a", PlacementBasis.ClusterNode, "pve-a1")]
    [InlineData("10.1.0.200", "room-a", PlacementBasis.SiteNetwork, null)]
    [InlineData("pve-b1", "room-b", PlacementBasis.ClusterNode, "pve-b1")]
    [InlineData("pve-b1.example.com", "room-b", PlacementBasis.ClusterNode, "pve-b1")]
    [InlineData("2001:db8:b::10", "room-b", PlacementBasis.SiteNetwork, null)]
    [InlineData("[2001:db8:b::10]", "room-b", PlacementBasis.SiteNetwork, null)]
    [InlineData("198.51.100.1", null, PlacementBasis.Unknown, null)]
    [InlineData("pbs.example.com", null, PlacementBasis.Unknown, null)]
    public void Hosts_are_placed_by_node_then_by_site_network(string host, string? site, PlacementBasis basis, string? node)
    {
        var placement = TwoRooms().PlaceHost(host);
        Assert.Equal(basis, placement.Basis);
        Assert.Equal(site, placement.Site?.Name);
        Assert.Equal(node, placement.Node?.Name);
        Assert.False(string.IsNullOrEmpty(placement.Describe()));
    }

    [Theory]
    [InlineData("10.1.0.0/33")]
    [InlineData("10.1.0.0/")]
    [InlineData("10.1.0/24")]
    [InlineData("fe80::1%eth0")]
    [InlineData("room-a")]
    public void A_bad_site_address_is_PVE9003_at_its_line(string address)
    {
        var model = Bind(new() { [".pvelint.yaml"] = $"sites:\n  a:\n    nodes: [n1]\n    addresses: [\"{address}\"]\n" });
        var d = Assert.Single(model.Diagnostics, d => d.Id == DiagnosticIds.InvalidLinterConfig);
        Assert.Equal(4, d.Span!.Value.Line);
        Assert.Contains(address, d.Message);
        Assert.Empty(model.SiteNamed("a")!.Addresses);
    }

    [Theory]
    [InlineData("10.1.2.3/16", "10.1.200.1", true)]
    [InlineData("10.1.2.3/16", "10.2.0.1", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("10.1.0.0/24", "::ffff:10.1.0.9", true)]
    [InlineData("10.1.0.0/24", "2001:db8::1", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    public void Networks_contain_the_addresses_under_their_prefix(string network, string address, bool contained)
    {
        Assert.True(SiteNetwork.TryParse(network, out var n));
        Assert.Equal(contained, n.Contains(IPAddress.Parse(address)));
    }

    [Fact]
    public void A_with_copy_gets_a_fresh_index()
    {
        var model = TwoRooms();
        Assert.NotNull(model.GuestById(100));
        var copy = model with { Guests = [] };
        Assert.Null(copy.GuestById(100));
        Assert.Empty(copy.Node("pve-a1")!.Guests);
        Assert.NotNull(model.GuestById(100));
    }
}
