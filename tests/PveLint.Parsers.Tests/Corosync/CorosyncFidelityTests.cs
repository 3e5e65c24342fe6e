using PveLint.Diagnostics;

namespace PveLint.Parsers.Tests.Corosync;

/// <summary>
/// Issue 7, classes 9-15: what corosync 3.1.7, corosync-qdevice 3.0.3 and PVE's parser do with corosync.conf files
/// pvelint used to misread, one minimal case each (the differential test in PveLint.Rules.Tests covers the rest).
/// </summary>
public class CorosyncFidelityTests
{
    private const string Bad = DiagnosticIds.InvalidValue;

    private const string Base = """
        totem {
          version: 2
          cluster_name: c
          secauth: on
        }
        logging {
          to_syslog: yes
        }
        nodelist {
          node {
            name: a
            nodeid: 1
            ring0_addr: 10.0.0.1
          }
          node {
            name: b
            nodeid: 2
            ring0_addr: 10.0.0.2
          }
        }
        quorum {
          provider: corosync_votequorum
        }

        """;

    private static CorosyncRead With(string find, string replace) => CorosyncRead.OfEdited(Base, find, replace);

    [Fact]
    public void The_base_is_clean()
    {
        Assert.Empty(CorosyncRead.Of(Base).Diagnostics);
    }

    // ---- class 10: logging values corosync rejects ----

    [Theory]
    [InlineData("debug: yes")]
    [InlineData("to_syslog: maybe")]
    [InlineData("syslog_facility: Daemon")]
    [InlineData("syslog_priority: trace")]
    [InlineData("timestamp: yes")]
    [InlineData("blackbox: no")]
    [InlineData("logfile:")]
    public void Logging_values_corosync_rejects_are_refusals(string line)
    {
        var read = With("  to_syslog: yes\n", $"  to_syslog: yes\n  {line}\n");
        var refusal = Assert.Single(read.Refusals);
        Assert.Equal((Bad, 8), (refusal.Id, refusal.Span!.Value.Line));
        Assert.StartsWith("corosync refuses to start: key 'logging.", refusal.Message);
    }

    [Theory]
    [InlineData("debug: trace")]
    [InlineData("to_stderr: on")]
    [InlineData("syslog_facility: local7")]
    [InlineData("syslog_priority: WARNING")]
    [InlineData("timestamp: hires")]
    [InlineData("logfile: relative.log")]
    public void Logging_values_corosync_accepts_are_silent(string line)
    {
        Assert.Empty(With("  to_syslog: yes\n", $"  to_syslog: yes\n  {line}\n").Diagnostics);
    }

    [Fact]
    public void Logger_subsys_values_are_checked_too()
    {
        var read = With("  to_syslog: yes\n", "  to_syslog: yes\n  logger_subsys {\n    subsys: QUORUM\n    debug: yes\n  }\n");
        Assert.Equal([(Bad, 10, 12)], read.RefusalPositions);
        Assert.Contains("'logging.logger_subsys.QUORUM.debug'", read.Refusals.Single().Message);
    }

    // ---- class 12: a section nested in a node block splits the node ----

    [Fact]
    public void A_section_inside_a_node_block_makes_corosync_see_a_phantom_node()
    {
        var read = With("    nodeid: 1\n    ring0_addr: 10.0.0.1\n", "    nodeid: 1\n    x {\n      k: v\n    }\n    ring0_addr: 10.0.0.1\n");
        var split = Assert.Single(read.Diagnostics, d => d.Id == DiagnosticIds.UnknownKey);
        Assert.Equal(13, split.Span!.Value.Line);
        Assert.Contains("the keys after its '}' (line 15) to another node entry", split.Message);
        // node a (entry 0), the phantom holding ring0_addr (entry 1), node b (entry 2)
        Assert.Equal(["a", "10.0.0.1", "b"], read.Model.Nodes.Select(n => n.Name.Value));
        Assert.Contains(read.Refusals, d => d.Message.Contains("Knet requires an explicit nodeid to be specified for address '10.0.0.1'"));
    }

    [Fact]
    public void Nodeid_inside_a_section_nested_in_a_node_is_still_converted()
    {
        var read = With("    nodeid: 1\n", "    nodeid: 1\n    x {\n      nodeid: 10.0.0.9\n    }\n");
        Assert.Contains((Bad, 14, 15), read.RefusalPositions);
        Assert.Contains("Key 'nodelist.node.0.nodeid' must be an integer", read.Refusals.First(d => d.Span!.Value.Line == 14).Message);
    }

    // ---- class 11 ----

    [Fact]
    public void A_first_node_without_name_and_ring0_addr_makes_corosync_abort()
    {
        var read = With("    name: a\n    nodeid: 1\n    ring0_addr: 10.0.0.1\n", "    nodeid: 1\n    ring1_addr: 10.0.1.1\n");
        Assert.Contains(read.Refusals, d => d.Span!.Value.Line == 10 && d.Message.Contains("corosync ignores the whole nodelist"));
    }

    // ---- class 9: ring addresses that are no IP literal and no host name ----

    [Theory]
    [InlineData("10.0.0.2 # switch A")]
    [InlineData("\"10.0.0.2\"")]
    [InlineData("10.0.0.2/24")]
    [InlineData("10.0.0.2:5405")]
    [InlineData("fd00::1::2")]
    [InlineData("")]
    public void Addresses_no_resolver_can_parse_are_refusals(string address)
    {
        var read = With("    ring0_addr: 10.0.0.2\n", $"    ring0_addr: {address}\n".Replace(": \n", ":\n"));
        Assert.Contains(read.Refusals, d => d.Span!.Value.Line == 18 && d.Message.StartsWith("corosync refuses to start: ring0_addr") && d.Message.Contains("'failed to parse node address"));
    }

    [Theory]
    [InlineData("pve-b.example.com")]
    [InlineData("fd00::2")]
    [InlineData("fe80::1%eth0")]
    public void Names_and_addresses_of_the_other_family_alone_are_no_refusal_of_their_own(string address)
    {
        var read = With("    ring0_addr: 10.0.0.2\n", $"    ring0_addr: {address}\n");
        Assert.DoesNotContain(read.Refusals, d => d.Message.Contains("failed to parse node address"));
    }

    // ---- class 11: IP families, ring numbers, ttl, multicast, crypto_model ----

    [Fact]
    public void Ipv4_and_ipv6_on_one_link_are_a_refusal()
    {
        var read = With("    ring0_addr: 10.0.0.2\n", "    ring0_addr: fd00::2\n");
        Assert.Equal([(Bad, 18, 17)], read.RefusalPositions);
        Assert.Contains("'Nodes for link 0 have different IP families'", read.Refusals.Single().Message);
    }

    [Fact]
    public void An_ipv4_address_under_ip_version_ipv6_is_a_refusal()
    {
        var read = With("  secauth: on\n", "  secauth: on\n  ip_version: ipv6\n");
        Assert.Equal([(Bad, 14, 17), (Bad, 19, 17)], read.RefusalPositions);
    }

    [Fact]
    public void Ring_minus_one_is_link_4294967295_to_corosync()
    {
        var read = With("    ring0_addr: 10.0.0.2\n", "    ring0_addr: 10.0.0.2\n    ring-1_addr: 10.1.0.2\n");
        Assert.Contains(read.Refusals, d => d.Message.Contains("'interface ring number 4294967295 is bigger than allowed maximum 7'"));
    }

    [Fact]
    public void Ttl_on_an_interface_no_node_uses_is_still_refused_outside_udp()
    {
        var read = With("  secauth: on\n", "  secauth: on\n  interface {\n    linknumber: 5\n    ttl: 2\n  }\n");
        Assert.Contains(read.Refusals, d => d.Span!.Value.Line == 7 && d.Message.Contains("'Can only set ttl on multicast transport types for interface 5'"));
    }

    [Theory]
    [InlineData("10.0.0.1", "is not a multicast address")]
    [InlineData("ff15::1", "'Multicast address family does not match bind address family for interface 0'")]
    public void A_udp_mcastaddr_must_be_multicast_of_the_links_family(string mcast, string expected)
    {
        var read = With("  secauth: on\n", $"  transport: udp\n  interface {{\n    linknumber: 0\n    mcastaddr: {mcast}\n  }}\n");
        Assert.Contains(read.Refusals, d => d.Span!.Value.Line == 7 && d.Message.Contains(expected));
    }

    [Theory]
    [InlineData("crypto_model: gcrypt")]
    [InlineData("knet_compression_model: none")]
    public void Models_the_shipped_libknet_lacks_are_refusals(string line)
    {
        var read = With("  secauth: on\n", $"  secauth: on\n  {line}\n");
        Assert.Equal([(Bad, 5, line.IndexOf(':') + 5)], read.RefusalPositions);
    }

    // ---- class 14: what PVE's parser reads ----

    [Fact]
    public void Node_as_a_key_in_the_nodelist_makes_pves_parser_die()
    {
        var read = With("nodelist {\n", "nodelist {\n  node: x\n");
        var death = Assert.Single(read.Diagnostics, d => d.Id == DiagnosticIds.ParserDisagreement);
        Assert.Equal(11, death.Span!.Value.Line); // at the node block Perl cannot push onto the string 'x'

        Assert.Contains("stops with 'Can't use string (", death.Message);
        Assert.Contains("as an ARRAY ref while", death.Message);
    }

    [Fact]
    public void Pves_parser_drops_a_node_block_keyed_like_a_later_one()
    {
        // no name: PVE files the first node under its ring0_addr, which is the second node's name
        var read = With("    name: a\n", "").Model;
        var text = Base.Replace("    name: a\n    nodeid: 1\n    ring0_addr: 10.0.0.1\n", "    nodeid: 1\n    ring0_addr: b\n");
        var dropped = Assert.Single(CorosyncRead.Of(text).Diagnostics, d => d.Id == DiagnosticIds.ParserDisagreement);
        Assert.Equal(10, dropped.Span!.Value.Line);
        Assert.StartsWith("PVE's parser drops this node block: it keys node blocks by name, else ring0_addr, and the node block on line 14 has the same key 'b'", dropped.Message);
        Assert.NotNull(read);
    }

    [Fact]
    public void Pve_keys_an_interface_by_linknumber_before_ringnumber()
    {
        var read = With("  secauth: on\n", "  secauth: on\n  interface {\n    linknumber: 0\n    ringnumber: 1\n  }\n");
        var message = Assert.Single(read.Diagnostics).Message;
        Assert.Contains("read by neither corosync 3 nor PVE's parser, which both take this interface's 'linknumber' (link 0)", message);
    }

    // ---- class 13: quorum device options corosync-qdevice refuses ----

    private static CorosyncRead WithDevice(string net, string device = "    votes: 1\n") =>
        With("  provider: corosync_votequorum\n",
            $"  provider: corosync_votequorum\n  device {{\n    model: net\n{device}    net {{\n      host: 10.9.0.1\n      tls: off\n{net}    }}\n  }}\n");

    [Fact]
    public void A_plain_device_is_accepted()
    {
        Assert.Empty(WithDevice("").Diagnostics);
    }

    [Theory]
    [InlineData("      tie_breaker: 0\n", "tie_breaker must be lowest|highest|valid_node_id")]
    [InlineData("      tie_breaker: Lowest\n", "tie_breaker must be lowest|highest|valid_node_id")]
    [InlineData("      port: 65536\n", "quorum.device.net.port must be in range 1-65535")]
    [InlineData("      connect_timeout: 999\n", "connect_timeout must be valid number in range <1000,120000>")]
    [InlineData("      force_ip_version: 5\n", "force_ip_version must be one of 0|4|6")]
    [InlineData("      keep_active_partition_tie_breaker: maybe\n", "keep_active_partition_tie_breaker value is not valid.")]
    [InlineData("      algorithm: test\n", "Test algorithm is not enabled.")]
    public void Net_options_corosync_qdevice_refuses(string line, string upstream)
    {
        var refusal = Assert.Single(WithDevice(line).Refusals);
        Assert.Equal(29, refusal.Span!.Value.Line);
        Assert.Contains("corosync-qdevice refuses to start", refusal.Message);
        Assert.Contains(upstream, refusal.Message);
    }

    [Theory]
    [InlineData("    votes: 2\n")]
    [InlineData("")]
    public void Ffsplit_needs_exactly_one_device_vote(string votes)
    {
        var refusal = Assert.Single(WithDevice("", votes).Refusals, d => d.Message.Contains("corosync-qdevice"));
        Assert.Contains("'50:50 split algorithm works only if quorum.device.votes configuration key is set to 1!'", refusal.Message);
    }

    [Fact]
    public void Heuristics_mode_and_timeouts_are_checked()
    {
        var read = WithDevice("", "    votes: 1\n    heuristics {\n      mode: bogus\n      timeout: 999\n      exec_ping: /bin/true\n    }\n");
        Assert.Equal([(Bad, 27, 13), (Bad, 28, 16)], read.RefusalPositions);
    }

    [Fact]
    public void Short_ipv4_forms_are_ipv4_to_getaddrinfo()
    {
        var read = CorosyncRead.Of(Base.Replace("ring0_addr: 10.0.0.1", "ring0_addr: 0x0a000001").Replace("ring0_addr: 10.0.0.2", "ring0_addr: fd00::2"));
        Assert.Contains(read.Refusals, d => d.Span!.Value.Line == 18 && d.Message.Contains("'Nodes for link 0 have different IP families'"));
    }

    [Fact]
    public void A_device_sync_timeout_of_0_crashes_corosync_qdevice()
    {
        var refusal = Assert.Single(WithDevice("", "    votes: 1\n    sync_timeout: 0\n").Refusals);
        Assert.Equal(26, refusal.Span!.Value.Line);
        Assert.Contains("segmentation fault", refusal.Message);
    }
}
