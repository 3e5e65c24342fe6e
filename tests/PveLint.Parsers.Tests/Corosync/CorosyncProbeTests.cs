using PveLint.Diagnostics;

namespace PveLint.Parsers.Tests.Corosync;

/// <summary>
/// The grammar probes that were run against the real corosync 3.1.7 (`corosync -t` and a cmap dump; oracle
/// probes 01–24, reference/corosync-quorum.md §1). Each input is re-written here from the same base file; each test
/// asserts that we accept or refuse as corosync did, at corosync's line (and the column of what it objects to).
/// </summary>
public class CorosyncProbeTests
{
    private const string Err = DiagnosticIds.SyntaxError;
    private const string Bad = DiagnosticIds.InvalidValue;
    private const string Missing = DiagnosticIds.MissingRequiredKey;
    private const string Pve = DiagnosticIds.ParserDisagreement;
    private const string Comment = DiagnosticIds.InlineCommentInValue;

    /// <summary>The probes' base file: three knet nodes, no crypto (30 lines and a final newline).</summary>
    private const string Base = """
        logging {
          to_logfile: yes
          logfile: /var/log/corosync/corosync.log
          to_stderr: no
          to_syslog: no
        }
        totem {
          version: 2
          cluster_name: probe
        }
        nodelist {
          node {
            name: probe
            nodeid: 1
            ring0_addr: 10.99.0.11
          }
          node {
            name: other2
            nodeid: 2
            ring0_addr: 10.99.0.12
          }
          node {
            name: other3
            nodeid: 3
            ring0_addr: 10.99.0.13
          }
        }
        quorum {
          provider: corosync_votequorum
        }

        """;

    private static CorosyncRead Probe(string find, string replace)
    {
        Assert.Contains(find, Base);
        return CorosyncRead.Of(Base.Replace(find, replace));
    }

    private static void AssertAccepted(CorosyncRead read) => Assert.Empty(read.Refusals);

    private static void AssertRefused(CorosyncRead read, string id, int line, int column) =>
        Assert.Equal([(id, line, column)], read.RefusalPositions);

    [Fact]
    public void Base_file_is_accepted_with_three_nodes()
    {
        var read = CorosyncRead.Of(Base);
        Assert.Empty(read.Diagnostics);
        Assert.Equal(["probe", "other2", "other3"], read.Model.Nodes.Select(n => n.Name.Value));
        Assert.Equal(3, read.Model.NodeVotes);
    }

    [Fact] // 01: exit 0, totem.cluster_name (str) = probe # trailing comment
    public void P01_inline_comment_is_part_of_the_value_and_PVE_reads_it_differently()
    {
        var read = Probe("  cluster_name: probe\n", "  cluster_name: probe # trailing comment\n");
        AssertAccepted(read);
        Assert.Equal("probe # trailing comment", read.Model.Totem.ClusterName!.Value);
        Assert.Equal((9, 17, 41), (read.Model.Totem.ClusterName.Span.Line, read.Model.Totem.ClusterName.Span.Column, read.Model.Totem.ClusterName.Span.EndColumn));
        Assert.Equal([(Comment, 9, 23)], read.Where(Comment));
        Assert.Contains("reads 'probe'", read.Diagnostics.Single().Message);
    }

    [Fact] // 02: exit 0, totem.cluster_name (str) = "my cluster"
    public void P02_quotes_are_kept_and_PVE_splits_the_value_at_the_blank()
    {
        var read = Probe("  cluster_name: probe\n", "  cluster_name: \"my cluster\"\n");
        AssertAccepted(read);
        Assert.Equal("\"my cluster\"", read.Model.Totem.ClusterName!.Value);
        Assert.Equal([(Pve, 9, 3)], read.Where(Pve));
    }

    [Fact] // 03: exit 0, totem.cluster_name = probe
    public void P03_colon_before_brace_opens_totem()
    {
        var read = Probe("totem {\n", "totem: {\n");
        AssertAccepted(read);
        Assert.Equal("probe", read.Model.Totem.ClusterName!.Value);
        Assert.Equal([(Pve, 7, 1)], read.Where(Pve)); // PVE's parser names the section 'totem:'
    }

    [Fact] // 04: exit 8, line 32: Extra characters after opening bracket '{'
    public void P04_one_line_section_is_refused()
    {
        var read = CorosyncRead.Of(Base + "\nsystem { sched_rr: yes }");
        AssertRefused(read, Err, 32, 10);
        Assert.Contains("Extra characters after opening bracket", read.Refusals.Single().Message);
    }

    [Fact] // 05: exit 0, quorum.expected_votes (u32) = 5
    public void P05_duplicate_sections_merge_and_the_later_key_wins()
    {
        var read = Probe("  provider: corosync_votequorum\n}\n", "  provider: corosync_votequorum\n  expected_votes: 3\n}\nquorum {\n  expected_votes: 5\n}\n");
        AssertAccepted(read);
        Assert.Equal(5, read.Model.Quorum.ExpectedVotes!.Value);
        Assert.Equal(33, read.Model.Quorum.ExpectedVotes.Span.Line);
        Assert.Equal("corosync_votequorum", read.Model.Quorum.Provider!.Value);
        Assert.Equal([(DiagnosticIds.DuplicateSection, 32, 1)], read.Where(DiagnosticIds.DuplicateSection));
    }

    [Fact] // 06: exit 8, line 30: Value of key "quorum.two_node" is expected to be integer in range (0..255), but "yes" was given
    public void P06_two_node_yes_is_refused()
    {
        var read = Probe("  provider: corosync_votequorum\n", "  provider: corosync_votequorum\n  two_node: yes\n");
        AssertRefused(read, Bad, 30, 13);
        Assert.Contains("Value of key \"quorum.two_node\" is expected to be integer in range (0..255), but \"yes\" was given", read.Refusals.Single().Message);
        Assert.Null(read.Model.Quorum.TwoNode);
    }

    [Fact] // 07: exit 8, line 31: Unexpected closing brace
    public void P07_extra_closing_brace_is_refused()
    {
        var read = CorosyncRead.Of(Base + "}");
        AssertRefused(read, Err, 31, 1);
        Assert.Contains("Unexpected closing brace", read.Refusals.Single().Message);
        Assert.Equal(3, read.Model.Nodes.Length);
    }

    [Fact] // 08: exit 8, line 32: Missing closing brace
    public void P08_missing_closing_brace_is_refused_at_the_last_line()
    {
        var read = CorosyncRead.Of(Base + "system {\n  sched_rr: yes");
        AssertRefused(read, Err, 32, 1);
        var diagnostic = read.Refusals.Single();
        Assert.Contains("Missing closing brace", diagnostic.Message);
        Assert.Equal(31, diagnostic.RelatedSpans.Single().Span.Line);
    }

    [Fact] // 09: exit 0, quorum.wait_for_all (u8) = 1
    public void P09_tabs_and_indented_comment_are_accepted()
    {
        var read = Probe("  provider: corosync_votequorum\n", "  provider: corosync_votequorum\n\t  # indented comment\n\twait_for_all:\t1\n");
        Assert.Empty(read.Diagnostics);
        Assert.True(read.Model.Quorum.WaitForAll!.Value);
        Assert.Equal((31, 16), (read.Model.Quorum.WaitForAll.Span.Line, read.Model.Quorum.WaitForAll.Span.Column));
    }

    [Fact] // 10: exit 0, totem.bogus_key (str) = 42, bogus_section.a (str) = b
    public void P10_unknown_keys_and_sections_are_accepted_but_reported()
    {
        var read = CorosyncRead.Of(Base.Replace("  cluster_name: probe\n", "  cluster_name: probe\n  bogus_key: 42\n") + "bogus_section {\n  a: b\n}\n");
        AssertAccepted(read);
        Assert.Equal([(DiagnosticIds.UnknownKey, 10, 3), (DiagnosticIds.UnknownKey, 32, 1)], read.Where(DiagnosticIds.UnknownKey));
    }

    [Fact] // 11: exit 8, This totem parser can only parse version 2 configurations.
    public void P11_version_3_is_refused()
    {
        var read = Probe("  version: 2\n", "  version: 3\n");
        AssertRefused(read, Bad, 8, 12);
        Assert.Contains("only parse version 2", read.Refusals.Single().Message);
    }

    [Fact] // 12: exit 8, Knet requires an explicit nodeid for the local node
    public void P12_knet_node_without_nodeid_is_refused()
    {
        var read = Probe("    name: probe\n    nodeid: 1\n", "    name: probe\n");
        AssertRefused(read, Missing, 12, 3);
        Assert.Contains("Knet requires an explicit nodeid", read.Refusals.Single().Message);
        Assert.Null(read.Model.Nodes[0].NodeId);
    }

    [Fact] // 13: exit 0, totem.token (u32) = 5000
    public void P13_no_space_after_colon_is_accepted_but_PVE_cannot_read_it()
    {
        var read = Probe("  cluster_name: probe\n", "  cluster_name:probe\n  token:5000\n");
        AssertAccepted(read);
        Assert.Equal("probe", read.Model.Totem.ClusterName!.Value);
        Assert.Equal(5000, read.Model.Totem.Token!.Value);
        Assert.Equal((10, 9), (read.Model.Totem.Token.Span.Line, read.Model.Totem.Token.Span.Column));
        Assert.Equal([(Pve, 9, 3), (Pve, 10, 3)], read.Where(Pve));
        Assert.Contains("missing ':' after key 'token:5000'", read.Diagnostics.Single(d => d.Span!.Value.Line == 10).Message);
    }

    [Fact] // 14: exit 8, crypto_cipher requires crypto_hash with value other than none
    public void P14_cipher_without_hash_is_refused()
    {
        var read = Probe("  cluster_name: probe\n", "  cluster_name: probe\n  crypto_cipher: aes256\n  crypto_hash: none\n");
        AssertRefused(read, Bad, 11, 16);
        Assert.Contains("crypto_cipher requires crypto_hash with value other than none", read.Refusals.Single().Message);
    }

    [Fact] // 15: exit 8, crypto_cipher & crypto_hash are only valid for the Knet transport.
    public void P15_secauth_on_udpu_is_refused()
    {
        var read = Probe("  cluster_name: probe\n", "  cluster_name: probe\n  transport: udpu\n  secauth: on\n");
        AssertRefused(read, Bad, 11, 12);
        var diagnostic = read.Refusals.Single();
        Assert.Contains("only valid for the Knet transport", diagnostic.Message);
        Assert.Equal(10, diagnostic.RelatedSpans.Single().Span.Line);
    }

    [Fact] // 16: exit 0, runtime.votequorum.atb_type = 0 (ATB silently disabled)
    public void P16_auto_tie_breaker_on_odd_votes_without_wait_for_all_is_accepted()
    {
        var read = Probe("  provider: corosync_votequorum\n", "  provider: corosync_votequorum\n  auto_tie_breaker: 1\n");
        Assert.Empty(read.Diagnostics);
        Assert.True(read.Model.Quorum.AutoTieBreaker!.Value);
    }

    [Fact] // 17: exit 8, line 10: Value of key "totem.token" is expected to be integer in range (0..4294967295), but "" was given
    public void P17_empty_integer_value_is_refused_and_space_before_colon_is_accepted()
    {
        var read = Probe("  cluster_name: probe\n", "  cluster_name :   probe\n  token:\n");
        AssertRefused(read, Bad, 10, 3);
        Assert.Contains("but \"\" was given", read.Refusals.Single().Message);
        Assert.Equal("probe", read.Model.Totem.ClusterName!.Value);
        Assert.Equal((9, 20), (read.Model.Totem.ClusterName.Span.Line, read.Model.Totem.ClusterName.Span.Column));
        Assert.Equal([(Pve, 9, 3), (Pve, 10, 3)], read.Where(Pve));
    }

    [Fact] // 18: exit 0, same keys as the LF file
    public void P18_crlf_file_is_accepted_with_the_same_model()
    {
        var read = CorosyncRead.Of(Base.Replace("\n", "\r\n"));
        Assert.Empty(read.Diagnostics);
        Assert.Equal("probe", read.Model.Totem.ClusterName!.Value);
        Assert.Equal(["10.99.0.11", "10.99.0.12", "10.99.0.13"], read.Model.Nodes.Select(n => n.Links.Single().Address.Value));
        Assert.Equal("corosync_votequorum", read.Model.Quorum.Provider!.Value);
    }

    [Fact] // 19: corosync -t exit 0, then: configuration error: quorum.device is not compatible with last_man_standing
    public void P19_qdevice_with_last_man_standing_is_refused_by_votequorum()
    {
        var read = Probe("  provider: corosync_votequorum\n",
            "  provider: corosync_votequorum\n  last_man_standing: 1\n  device {\n    model: net\n    net {\n      host: 10.99.0.250\n      tls: off\n    }\n  }\n");
        AssertRefused(read, Bad, 30, 22);
        Assert.Contains("quorum.device is not compatible with last_man_standing", read.Refusals.Single().Message);
        var device = read.Model.Quorum.Device!;
        Assert.Equal(("net", "10.99.0.250", "off"), (device.Model!.Value, device.Host!.Value, device.Tls!.Value));
        Assert.Equal((31, 3), (device.Span.Line, device.Span.Column));
    }

    [Fact] // 20: exit 0, totem.token_coefficient (u32) = 125
    public void P20_token_coefficient_is_accepted()
    {
        var read = Probe("  cluster_name: probe\n", "  cluster_name: probe\n  token_coefficient: 125\n");
        Assert.Empty(read.Diagnostics);
        Assert.Equal(125, read.Model.Totem.TokenCoefficient!.Value);
    }

    [Fact] // 21: exit 8, line 10: Line is not opening or closing section or key value
    public void P21_key_without_colon_is_refused()
    {
        var read = Probe("  cluster_name: probe\n", "  cluster_name: probe\n  secauth on\n");
        AssertRefused(read, Err, 10, 3);
        Assert.Contains("write 'secauth: on'", read.Refusals.Single().Message);
    }

    [Fact] // 22: exit 0, runtime.votequorum.two_node = 1 (accepted although there are three nodes)
    public void P22_two_node_on_three_nodes_is_accepted()
    {
        var read = Probe("  provider: corosync_votequorum\n", "  provider: corosync_votequorum\n  two_node: 1\n");
        Assert.Empty(read.Diagnostics);
        Assert.True(read.Model.Quorum.TwoNode!.Value);
    }

    [Fact] // 23: exit 0, quorum.expected_votes (u32) = 7
    public void P23_expected_votes_override_is_accepted()
    {
        var read = Probe("  provider: corosync_votequorum\n", "  provider: corosync_votequorum\n  expected_votes: 7\n");
        Assert.Empty(read.Diagnostics);
        Assert.Equal(7, read.Model.Quorum.ExpectedVotes!.Value);
    }

    [Fact] // 24: exit 0, nodelist.node.0.quorum_votes (u32) = 3, ev_barrier 5
    public void P24_node_quorum_votes_are_read()
    {
        var read = Probe("    nodeid: 1\n", "    nodeid: 1\n    quorum_votes: 3\n");
        Assert.Empty(read.Diagnostics);
        Assert.Equal([3, 1, 1], read.Model.Nodes.Select(n => n.Votes));
        Assert.Equal(5, read.Model.NodeVotes);
    }
}
