using PveLint.Diagnostics;

namespace PveLint.Parsers.Tests.Corosync;

/// <summary>
/// Keys and values (reference/corosync-quorum.md §1.2, §1.5), the start-up refusals of corosync, votequorum and
/// corosync-qdevice (§1.3), where PVE's parser reads the text differently (pve-formats.md §6), and the model.
/// </summary>
public class CorosyncCheckTests
{
    private const string Err = DiagnosticIds.SyntaxError;
    private const string Unknown = DiagnosticIds.UnknownKey;
    private const string Bad = DiagnosticIds.InvalidValue;
    private const string DupKey = DiagnosticIds.DuplicateKey;
    private const string DupSection = DiagnosticIds.DuplicateSection;
    private const string Missing = DiagnosticIds.MissingRequiredKey;
    private const string Pve = DiagnosticIds.ParserDisagreement;

    private const string Valid = """
        totem {
          version: 2
          cluster_name: c
          secauth: on
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

    private static CorosyncRead With(string find, string replace) => CorosyncRead.OfEdited(Valid, find, replace);

    private static CorosyncRead InTotem(string lines) => With("  secauth: on\n", "  secauth: on\n" + lines);   // from line 5

    private static CorosyncRead InQuorum(string lines) => With("  provider: corosync_votequorum\n", "  provider: corosync_votequorum\n" + lines); // from line 20

    private static string MessageAt(CorosyncRead read, int line) => read.Diagnostics.Single(d => d.Span!.Value.Line == line).Message;

    [Fact]
    public void The_valid_base_has_no_diagnostics()
    {
        Assert.Empty(CorosyncRead.Of(Valid).Diagnostics);
    }

    // ---- unknown keys and sections (PVE0002) ----

    [Fact]
    public void Unknown_keys_get_a_hint_where_they_belong_or_what_was_meant()
    {
        var read = InTotem("  two_node: 1\n  tokne: 3000\n  ringnumber: 0\n");
        Assert.Equal([(Unknown, 5, 3), (Unknown, 6, 3), (Unknown, 7, 3)], read.Where());
        Assert.Contains("it belongs in 'quorum'", MessageAt(read, 5));
        Assert.Contains("did you mean 'token'?", MessageAt(read, 6));
    }

    [Fact]
    public void Ringnumber_is_ignored_by_corosync_and_the_interface_is_link_0()
    {
        var read = InTotem("  interface {\n    ringnumber: 1\n    knet_link_priority: 5\n  }\n");
        Assert.Equal([(Unknown, 6, 5)], read.Where());
        Assert.Contains("this interface is link 0 for corosync while PVE's parser, lacking a linknumber, takes ringnumber '1'", MessageAt(read, 6));
        Assert.Equal(1, read.Model.Totem.Interfaces.Single().LinkNumber!.Value); // the model follows PVE's parser
    }

    [Fact]
    public void Unknown_and_nested_unknown_sections_are_reported_once()
    {
        var read = CorosyncRead.Of(Valid + "qb {\n  ipc_type: shm\n}\n") ;
        Assert.Equal([(Unknown, 21, 1)], read.Where());
        Assert.Contains("Section 'qb' is not a corosync 3.1 section at the top level", read.Diagnostics[0].Message);
        var nested = InTotem("  ring {\n    deeper {\n      x: 1\n    }\n  }\n");
        Assert.Equal([(Unknown, 5, 3)], nested.Where());
    }

    [Fact]
    public void Documented_keys_of_every_section_are_known()
    {
        var text = Valid
            .Replace("  secauth: on\n", """
                  secauth: on
                  config_version: 7
                  ip_version: ipv4-6
                  link_mode: passive
                  token: 3000
                  token_coefficient: 125
                  consensus: 4000
                  join: 60
                  crypto_model: nss
                  knet_compression_model: zlib
                  block_unlisted_ips: yes
                  interface {
                    linknumber: 0
                    knet_link_priority: 10
                    knet_ping_interval: 200
                    knet_ping_timeout: 400
                    knet_pong_count: 2
                    knet_transport: udp
                  }

                """)
            .Replace("  provider: corosync_votequorum\n", """
                  provider: corosync_votequorum
                  last_man_standing_window: 10000
                  auto_tie_breaker_node: lowest
                  device {
                    model: net
                    votes: 1
                    timeout: 10000
                    sync_timeout: 30000
                    net {
                      host: 10.0.0.9
                      port: 5403
                      algorithm: ffsplit
                      tie_breaker: lowest
                      tls: on
                      keep_active_partition_tie_breaker: on
                    }
                    heuristics {
                      mode: sync
                      exec_gateway: /usr/local/bin/check-gateway
                    }
                  }

                """)
            + """
                logging {
                  to_syslog: yes
                  debug: off
                  logger_subsys {
                    subsys: QUORUM
                    debug: on
                  }
                }
                system {
                  sched_rr: yes
                  move_to_root_cgroup: auto
                  state_dir: /var/lib/corosync
                }
                resources {
                  watchdog_device: off
                }
                nozzle {
                  name: noz01
                  ipaddr: 192.168.10.0
                  ipprefix: 24
                }

                """;
        var read = CorosyncRead.Of(text);
        Assert.Equal([], read.Diagnostics.Select(d => d.Message));
        Assert.Equal(7, read.Model.Totem.ConfigVersion!.Value);
        Assert.Equal(("ffsplit", 1), (read.Model.Quorum.Device!.Algorithm!.Value, read.Model.Quorum.Device.Votes!.Value));
    }

    // ---- typed values and enumerations (PVE0003) ----

    [Theory]
    [InlineData("  token: 3s\n", 5, 10, "Value of key \"totem.token\" is expected to be integer in range (0..4294967295), but \"3s\" was given")]
    [InlineData("  knet_compression_level: 2147483648\n", 5, 27, "range (-2147483648..2147483647)")]
    [InlineData("  config_version: 1.5\n", 5, 19, "Key 'totem.config_version' must be an unsigned integer")]
    [InlineData("  ip_version: ipv5\n", 5, 15, "('Invalid ip_version type')")]
    [InlineData("  crypto_cipher: aes512\n", 5, 18, "Should be none, aes256, aes192 or aes128")]
    [InlineData("  transport: tcp\n", 5, 14, "('Invalid transport type. Should be udpu, udp or knet')")]
    [InlineData("  link_mode: fast\n", 5, 14, "It must be active, passive or rr")]
    public void Totem_values_corosync_cannot_use_are_refused(string line, int l, int c, string quote)
    {
        var read = InTotem(line);
        Assert.Equal([(Bad, l, c)], read.RefusalPositions);
        Assert.Contains(quote, read.Refusals.Single().Message);
    }

    [Fact]
    public void Integers_are_read_like_strtoll_with_range_checks()
    {
        Assert.Empty(InTotem("  token: +3000\n").Refusals);
        Assert.Equal(3000, InTotem("  token: +3000\n").Model.Totem.Token!.Value);
        Assert.Single(InTotem("  token: 0x10\n").Refusals);
        Assert.Single(InTotem("  token: 4294967296\n").Refusals);
        Assert.Single(InQuorum("  two_node: 256\n").Refusals);
        Assert.Single(InQuorum("  two_node: -1\n").Refusals);
        // strtoull takes "-1" as 2^64-1; config_version is kept bit for bit
        Assert.Equal(-1L, InTotem("  config_version: -1\n").Model.Totem.ConfigVersion!.Value);
    }

    [Fact]
    public void Node_integers_are_named_by_their_cmap_key()
    {
        var read = With("    name: b\n    nodeid: 2\n", "    name: b\n    nodeid: two\n");
        Assert.Equal([(Bad, 14, 13)], read.RefusalPositions);
        Assert.Contains("\"nodelist.node.1.nodeid\"", read.Refusals.Single().Message);
    }

    [Fact]
    public void Enumerations_checked_while_parsing_apply_to_every_line_others_to_the_value_in_effect()
    {
        // ip_version is checked on each line: an overridden bad value still stops corosync
        Assert.Single(InTotem("  ip_version: bad\n  ip_version: ipv4\n").Refusals);
        // transport is read once, after merging: only the last value counts
        Assert.Empty(InTotem("  transport: bad\n  transport: knet\n").Refusals);
    }

    [Theory]
    [InlineData("uidgid {\n  uid: root\n  user: x\n}\n", 23, "uidgid: Only uid and gid are allowed items")]
    [InlineData("ab: c\n", 21, "cannot be stored in corosync's configuration map as 'ab'")]
    [InlineData("logging {\n  logger_subsys {\n    debug: on\n  }\n}\n", 24, "No subsys key in logger_subsys directive")]
    public void Keys_corosync_cannot_take_are_refused(string block, int line, string quote)
    {
        var read = CorosyncRead.Of(Valid + block);
        var refusal = Assert.Single(read.Refusals);
        Assert.Equal(line, refusal.Span!.Value.Line);
        Assert.Contains(quote, refusal.Message);
    }

    // ---- repeated keys and sections (PVE0004, PVE0005) ----

    [Fact]
    public void Repeated_key_is_reported_where_it_has_no_effect()
    {
        var read = InTotem("  token: 1000\n  token: 5000\n");
        Assert.Equal([(DupKey, 5, 3)], read.Where());
        var diagnostic = read.Diagnostics.Single();
        Assert.Contains("keep the last value '5000'", diagnostic.Message);
        Assert.Equal(6, diagnostic.RelatedSpans.Single().Span.Line);
        Assert.Equal(5000, read.Model.Totem.Token!.Value);
    }

    [Fact]
    public void Logger_subsys_keeps_the_first_value()
    {
        var read = CorosyncRead.Of(Valid + "logging {\n  logger_subsys {\n    subsys: QUORUM\n    debug: on\n    debug: off\n  }\n}\n");
        Assert.Equal([(DupKey, 25, 5)], read.Where());
        Assert.Contains("corosync keeps the first value 'on'", read.Diagnostics.Single().Message);
    }

    [Fact]
    public void Uidgid_entries_may_repeat()
    {
        Assert.Empty(CorosyncRead.Of(Valid + "uidgid {\n  uid: hacluster\n  uid: root\n}\n").Diagnostics);
    }

    [Fact]
    public void A_second_nodelist_overwrites_the_first_by_position()
    {
        var read = CorosyncRead.Of(Valid + "nodelist {\n  node {\n    name: z\n    nodeid: 9\n    ring0_addr: 10.0.0.9\n  }\n}\n");
        Assert.Equal([(DupSection, 21, 1)], read.Where());
        Assert.Contains("numbers the nodes of each nodelist block from 0 again", read.Diagnostics.Single().Message);
        Assert.Equal(["z", "b"], read.Model.Nodes.Select(n => n.Name.Value));
        Assert.Equal([9, 2], read.Model.Nodes.Select(n => n.NodeId!.Value));
    }

    [Fact]
    public void Two_interface_blocks_for_one_link_merge()
    {
        var read = InTotem("  interface {\n    linknumber: 0\n    knet_link_priority: 5\n  }\n  interface {\n    knet_link_priority: 7\n  }\n");
        Assert.Equal([(DupSection, 9, 3)], read.Where());
        Assert.Contains("link 0 for corosync, like the block on line 5", read.Diagnostics.Single().Message);
    }

    [Fact]
    public void Repeated_logger_subsys_blocks_are_fine_for_corosync_but_not_for_PVE()
    {
        var read = CorosyncRead.Of(Valid + "logging {\n  logger_subsys {\n    subsys: QUORUM\n  }\n  logger_subsys {\n    subsys: KNET\n  }\n}\n");
        Assert.Equal([(DupSection, 25, 3)], read.Where());
        Assert.Contains("corosync keeps the blocks apart, but PVE's parser stops", read.Diagnostics.Single().Message);
    }

    // ---- corosync start-up refusals (totemconfig.c) ----

    [Fact]
    public void No_totem_and_no_version_are_missing_required_keys()
    {
        var noTotem = CorosyncRead.Of("nodelist {\n  node {\n    nodeid: 1\n    ring0_addr: a\n  }\n}\n");
        Assert.Equal([(Missing, 1, 1)], noTotem.RefusalPositions);
        Assert.Contains("no totem section", noTotem.Refusals.Single().Message);

        var noVersion = With("  version: 2\n", "");
        Assert.Equal([(Missing, 1, 1)], noVersion.RefusalPositions);
        Assert.Contains("has no 'version: 2'", noVersion.Refusals.Single().Message);
    }

    [Theory]
    [InlineData("    nodeid: 1\n", "    nodeid: 0\n", 9, 13, "nodeid 0, which is reserved")]
    [InlineData("    nodeid: 1\n", "    nodeid: 65536\n", 9, 13, "Knet requires nodeid to be less than 65536")]
    [InlineData("    ring0_addr: 10.0.0.1\n", "    ring0_addr: 10.0.0.1\n    ring8_addr: 10.8.0.1\n", 11, 5, "interface ring number 8 is bigger than allowed maximum 7")]
    public void Node_values_knet_refuses(string find, string replace, int line, int column, string quote)
    {
        var read = With(find, replace);
        Assert.Equal([(Bad, line, column)], read.RefusalPositions);
        Assert.Contains(quote, read.Refusals.Single().Message);
    }

    [Fact]
    public void Node_without_any_address_is_accepted_and_link_keys_only_PVE_knows_are_unknown()
    {
        // corosync does not refuse a node without addresses (PVE1006 reports the odd link set)
        Assert.Empty(With("    ring0_addr: 10.0.0.2\n", "").Diagnostics);
        var link = With("    ring0_addr: 10.0.0.2\n", "    ring0_addr: 10.0.0.2\n    link1_addr: 10.1.0.2\n");
        Assert.Equal([(Unknown, 16, 5)], link.Where());
        Assert.Contains("whose node addresses are ring1_addr", link.Diagnostics.Single().Message);
        Assert.Equal([0], link.Model.Nodes[1].Links.Select(l => l.LinkNumber));
        var misplaced = With("nodelist {\n", "nodelist {\n  ring0_addr: 10.0.0.3\n");
        Assert.Contains("it belongs in 'nodelist.node'", misplaced.Diagnostics.Single().Message);
    }

    [Fact]
    public void Several_links_need_a_name_on_every_node()
    {
        var read = CorosyncRead.Of(Valid
            .Replace("    name: a\n", "")
            .Replace("    ring0_addr: 10.0.0.1\n", "    ring0_addr: 10.0.0.1\n    ring1_addr: 10.1.0.1\n")
            .Replace("    ring0_addr: 10.0.0.2\n", "    ring0_addr: 10.0.0.2\n    ring1_addr: 10.1.0.2\n"));
        Assert.Equal([(Missing, 7, 3)], read.RefusalPositions);
        Assert.Contains("all nodes must have a 'name' attribute", read.Refusals.Single().Message);
        Assert.Equal("10.0.0.1", read.Model.Nodes[0].Name.Value); // PVE names the node after ring0_addr
        Assert.Equal([0, 1], read.Model.Nodes[0].Links.Select(l => l.LinkNumber));
    }

    [Fact]
    public void Link_settings_that_do_not_fit_the_transport_are_refused()
    {
        var ttl = InTotem("  interface {\n    linknumber: 0\n    ttl: 5\n  }\n");
        Assert.Equal([(Bad, 7, 10)], ttl.RefusalPositions);
        Assert.Contains("Can only set ttl on multicast transport types for interface 0", ttl.Refusals.Single().Message);

        var priority = With("  secauth: on\n", "  transport: udpu\n  interface {\n    linknumber: 0\n    knet_link_priority: 5\n  }\n");
        Assert.Equal([(Bad, 7, 25)], priority.RefusalPositions);

        var link9 = InTotem("  interface {\n    linknumber: 9\n    knet_link_priority: 5\n  }\n");
        Assert.Equal([(Bad, 6, 17)], link9.RefusalPositions);
        Assert.Empty(InTotem("  interface {\n    linknumber: 9\n  }\n").Refusals); // nothing stored for link 9
    }

    [Theory]
    [InlineData("  token: 20\n", 5, 10, "The token timeout parameter (20 ms) may not be less than (30 ms).")]
    [InlineData("  join: 10\n", 5, 9, "The join timeout parameter (10 ms) may not be less than (30 ms).")]
    [InlineData("  join: 5000\n", 5, 9, "may not be less than join timeout (5000 ms)")]
    [InlineData("  token_warning: 101\n", 5, 18, "must be between 0 (disabled) and 100")]
    [InlineData("  token_retransmits_before_loss_const: 200\n", 5, 40, "Not appropriate token or token_retransmits_before_loss_const value set")]
    public void Timeouts_below_corosyncs_minimum_are_refused(string line, int l, int c, string quote)
    {
        var read = InTotem(line);
        Assert.Equal([(Bad, l, c)], read.RefusalPositions);
        Assert.Contains(quote, read.Refusals.Single().Message);
    }

    [Fact]
    public void Token_coefficient_lifts_a_small_token_on_three_nodes()
    {
        // token 20 + (3 - 2) * 650 = 670 ms: accepted
        var three = Valid.Replace("  }\n}\n", "  }\n  node {\n    name: c\n    nodeid: 3\n    ring0_addr: 10.0.0.3\n  }\n}\n");
        Assert.Empty(CorosyncRead.Of(three.Replace("  secauth: on\n", "  secauth: on\n  token: 20\n")).Refusals);
    }

    // ---- votequorum and corosync-qdevice refusals ----

    private const string Device = "  device {\n    model: net\n    net {\n      host: 10.0.0.9\n    }\n  }\n";

    [Theory]
    [InlineData("  two_node: 1\n" + Device, 20, 13, "two_node and quorum device cannot be configured at the same time")]
    [InlineData("  allow_downscale: 1\n" + Device, 20, 20, "quorum.device is not compatible with allow_downscale")]
    [InlineData("  expected_votes: 3\n" + Device, 21, 3, "quorum.device.votes must be specified when quorum.expected_votes is set")]
    [InlineData("  expected_votes: 3\n" + "  device {\n    model: net\n    votes: 2\n    net {\n      host: q\n    }\n  }\n", 23, 12, "quorum.device.votes is too high or expected_votes is too low")]
    public void Votequorum_refuses_conflicting_options(string lines, int l, int c, string quote)
    {
        var read = InQuorum(lines);
        Assert.Equal([(l, c)], read.Refusals.Select(d => (d.Span!.Value.Line, d.Span.Value.Column)));
        Assert.Contains(quote, read.Refusals.Single().Message);
    }

    [Fact]
    public void Atb_with_lms_on_odd_votes_without_wfa_is_refused_and_wfa_or_two_node_lifts_it()
    {
        var three = Valid.Replace("  }\n}\n", "  }\n  node {\n    name: c\n    nodeid: 3\n    ring0_addr: 10.0.0.3\n  }\n}\n");
        var read = CorosyncRead.Of(three.Replace("  provider: corosync_votequorum\n", "  provider: corosync_votequorum\n  auto_tie_breaker: 1\n  last_man_standing: 1\n"));
        Assert.Contains("auto_tie_breaker & last_man_standing not available in odd sized cluster", read.Refusals.Single().Message);
        Assert.Equal((26, 22), (read.Refusals.Single().Span!.Value.Line, read.Refusals.Single().Span!.Value.Column));
        var wfa = CorosyncRead.Of(three.Replace("  provider: corosync_votequorum\n", "  provider: corosync_votequorum\n  auto_tie_breaker: 1\n  last_man_standing: 1\n  wait_for_all: 1\n"));
        Assert.Empty(wfa.Refusals);
    }

    [Fact]
    public void Uneven_node_votes_need_explicit_qdevice_votes()
    {
        var read = CorosyncRead.Of(Valid.Replace("    nodeid: 1\n", "    nodeid: 1\n    quorum_votes: 2\n")
            .Replace("  provider: corosync_votequorum\n", "  provider: corosync_votequorum\n" + Device));
        Assert.Contains("quorum.device.votes must be specified when not all nodes votes 1", read.Refusals.Single().Message);
    }

    [Fact]
    public void Qdevice_daemon_refusals()
    {
        var model = InQuorum("  device {\n    model: disk\n  }\n");
        Assert.Equal([(Bad, 21, 12)], model.RefusalPositions);
        var noHost = InQuorum("  device {\n    model: net\n    votes: 1\n    net {\n      tls: maybe\n    }\n  }\n");
        Assert.Equal([(Missing, 23, 5), (Bad, 24, 12)], noHost.RefusalPositions);
        Assert.Contains("quorum.device.net.tls value is not valid.", noHost.Refusals.Last().Message);
        var noClusterName = CorosyncRead.Of(Valid.Replace("  cluster_name: c\n", "").Replace("  provider: corosync_votequorum\n", "  provider: corosync_votequorum\n" + Device));
        // (this device also lacks 'votes: 1', which the default ffsplit algorithm needs: corosync-qdevice's second refusal)
        Assert.Equal([(Missing, 1, 1), (Missing, 19, 3)], noClusterName.RefusalPositions);
        Assert.Contains("Cluster name (totem.cluster_name) has to be defined.", noClusterName.Refusals.First().Message);
    }

    [Fact]
    public void Votequorum_checks_need_votequorum_as_provider()
    {
        Assert.DoesNotContain(With("  provider: corosync_votequorum\n", "  two_node: 1\n" + Device).Refusals, d => d.Message.Contains("votequorum"));
        var wrong = With("  provider: corosync_votequorum\n", "  provider: votequorum\n");
        Assert.Equal([(Bad, 19, 13)], wrong.RefusalPositions);
        Assert.Contains("Invalid quorum provider", wrong.Refusals.Single().Message);
    }

    // ---- where PVE's own parser reads the file differently ----

    [Theory]
    [InlineData("  cluster_name: c # cluster\n", 3, 19, "drops '# cluster' and reads 'c'", DiagnosticIds.InlineCommentInValue)]
    [InlineData("  cluster_name:c\n", 3, 3, "missing ':' after key 'cluster_name:c'")]
    [InlineData("  cluster_name : c\n", 3, 3, "missing ':' after key 'cluster_name'")]
    [InlineData("  cluster_name: my cluster\n", 3, 3, "reads 'cluster_name' as 'my'")]
    [InlineData("  cluster_name:\n", 3, 3, "takes the next word of the file as the value of 'cluster_name'")]
    public void Lines_PVEs_parser_reads_differently_are_warnings(string line, int l, int c, string quote, string id = Pve)
    {
        var read = With("  cluster_name: c\n", line);
        // (an empty value also makes PVE's parser die a line later, where it meets 'secauth: on' out of step)
        var warning = Assert.Single(read.Diagnostics, d => d.Id == id && d.Span!.Value.Line == l);
        Assert.Equal(c, warning.Span!.Value.Column);
        Assert.Contains(quote, warning.Message);
    }

    [Theory]
    [InlineData("totem: {\n", "names this section 'totem:'")]
    [InlineData("totem{\n", "missing ':' after key 'totem{'")]
    public void Headers_PVEs_parser_reads_differently_are_warnings(string header, string quote)
    {
        var read = With("totem {\n", header);
        var warning = Assert.Single(read.Diagnostics);
        Assert.Equal((Pve, 1, 1), (warning.Id, warning.Span!.Value.Line, warning.Span.Value.Column));
        Assert.Contains(quote, warning.Message);
    }

    // ---- model ----

    [Fact]
    public void Quorum_switches_are_u8_integers_where_any_non_zero_value_is_on()
    {
        var read = InQuorum("  two_node: 2\n  wait_for_all: 0\n  last_man_standing: 1\n  auto_tie_breaker: 0\n  expected_votes: 2\n");
        var q = read.Model.Quorum;
        Assert.Equal((true, false, true, false), (q.TwoNode!.Value, q.WaitForAll!.Value, q.LastManStanding!.Value, q.AutoTieBreaker!.Value));
        Assert.Null(q.AllowDownscale);
        Assert.Equal((2, 24, 19), (q.ExpectedVotes!.Value, q.ExpectedVotes.Span.Line, q.ExpectedVotes.Span.Column));
        Assert.Equal((18, 1), (q.Span!.Value.Line, q.Span.Value.Column));
    }

    [Fact]
    public void Totem_fields_and_interfaces_are_bound_with_value_spans()
    {
        var read = InTotem("  transport: knet\n  crypto_cipher: aes256\n  crypto_hash: sha256\n  link_mode: passive\n  interface {\n    linknumber: 1\n    knet_link_priority: 20\n  }\n");
        var t = read.Model.Totem;
        Assert.Empty(read.Diagnostics);
        Assert.Equal(("knet", "aes256", "sha256", "passive"), (t.Transport!.Value, t.CryptoCipher!.Value, t.CryptoHash!.Value, t.LinkMode!.Value));
        Assert.Equal((6, 18), (t.CryptoCipher.Span.Line, t.CryptoCipher.Span.Column));
        var iface = Assert.Single(t.Interfaces);
        Assert.Equal((1, 10, 17), (iface.LinkNumber!.Value, iface.LinkNumber.Span.Line, iface.LinkNumber.Span.Column));
        Assert.Equal("20", iface.Settings["knet_link_priority"].Value);
        Assert.Equal((9, 3, 12, 4), (iface.Span.Line, iface.Span.Column, iface.Span.EndLine, iface.Span.EndColumn));
        Assert.Equal((1, 1), (t.Span!.Value.Line, t.Span.Value.Column));
    }
}
