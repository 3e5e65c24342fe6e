using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Rules.Engine;
using PveLint.Sources;
using PveLint.Tests;

namespace PveLint.Rules.Tests.Quorum;

/// <summary>
/// The "done when" cases of issue 9, each a small change to the clean two-site cluster of
/// tests/fixtures/clusters/two-sites-qdevice-clean (2+2 nodes, a QDevice in a third site, two links, crypto, one
/// watchdog driver), and that cluster itself, which must give no PVE1xxx or PVE4xxx finding.
/// </summary>
public class QuorumAndFencingSeedCaseTests
{
    private const string Corosync = "etc/pve/corosync.conf";
    private const string Yaml = ".pvelint.yaml";

    private static Dictionary<string, string> Clean() =>
        new(FixtureTree.Files(Path.Combine(TestPaths.Fixtures, "clusters", "two-sites-qdevice-clean")));

    private static List<Finding> QuorumAndFencing(Dictionary<string, string> files) =>
        LintEngine.Run(ClusterBinder.Bind(ConfigTree.FromTexts(files))).Findings
            .Where(f => f.RuleId.StartsWith("PVE1", StringComparison.Ordinal) || f.RuleId.StartsWith("PVE4", StringComparison.Ordinal))
            .ToList();

    private static string WithoutQDevice(string corosync)
    {
        var start = corosync.IndexOf("  device {", StringComparison.Ordinal);
        var end = corosync.IndexOf("\n  }\n", start, StringComparison.Ordinal) + "\n  }\n".Length;
        return corosync.Remove(start, end - start);
    }

    [Fact]
    public void The_clean_two_site_cluster_with_a_third_site_qdevice_gives_no_quorum_or_fencing_finding()
    {
        var clean = Clean();
        Assert.Contains("host: 10.9.0.5", clean[Corosync]);
        Assert.Contains("ring1_addr", clean[Corosync]);
        Assert.Contains("secauth: on", clean[Corosync]);
        Assert.Empty(QuorumAndFencing(clean));
    }

    [Fact]
    public void Two_plus_two_nodes_without_a_qdevice_is_PVE1001_with_the_arithmetic()
    {
        var files = Clean();
        files[Corosync] = WithoutQDevice(files[Corosync]);
        var f = Assert.Single(QuorumAndFencing(files));
        Assert.Equal(("PVE1001", Severity.Error), (f.RuleId, f.Severity));
        Assert.Contains("(sites from .pvelint.yaml)", f.Message);
        Assert.Contains("4 votes, quorum 3: losing room-a's 2 votes leaves 2 (inquorate)", f.Message);
        Assert.Contains("cutting the link between them leaves 2 on each side (inquorate)", f.Message);
        Assert.Equal(2, f.Related.Length);
    }

    [Fact]
    public void Without_site_data_the_same_cluster_is_a_node_count_warning()
    {
        var files = Clean();
        files[Corosync] = WithoutQDevice(files[Corosync]);
        files.Remove(Yaml);
        var f = Assert.Single(QuorumAndFencing(files));
        Assert.Equal(("PVE1001", Severity.Warning), (f.RuleId, f.Severity));
        Assert.Contains("pvelint judges by node count", f.Message);
        Assert.Contains("(pve-a1, pve-a2 | pve-b1, pve-b2)", f.Message);
    }

    [Fact]
    public void A_qdevice_on_a_node_of_site_a_is_PVE1003()
    {
        var files = Clean();
        files[Corosync] = files[Corosync].Replace("host: 10.9.0.5", "host: pve-a1");
        var f = Assert.Single(QuorumAndFencing(files));
        Assert.Equal(("PVE1003", Severity.Error), (f.RuleId, f.Severity));
        Assert.Contains("is cluster node pve-a1 in site room-a", f.Message);
        Assert.Contains("losing room-a (2 votes + the QDevice's 1) leaves 2 (inquorate)", f.Message);
    }

    [Fact]
    public void A_qdevice_inside_a_data_sites_network_is_PVE1003_and_an_unplaced_one_a_warning()
    {
        var files = Clean();
        files[Corosync] = files[Corosync].Replace("host: 10.9.0.5", "host: 10.2.0.200");
        var f = Assert.Single(QuorumAndFencing(files));
        Assert.Equal(("PVE1003", Severity.Error), (f.RuleId, f.Severity));
        Assert.Contains("in site room-b (by its addresses", f.Message);

        files[Corosync] = files[Corosync].Replace("host: 10.2.0.200", "host: qnetd.example.org");
        files[Yaml] = files[Yaml].Replace("qdevice: true, ", "");
        f = Assert.Single(QuorumAndFencing(files));
        Assert.Equal(("PVE1003", Severity.Warning), (f.RuleId, f.Severity));
        Assert.Contains("cannot tell whether it sits in a third location", f.Message);
    }

    /// <summary>Fuzz finding (pipeline target): a QDevice in a data site whose nodes hold no votes crashed the rule.</summary>
    [Fact]
    public void A_qdevice_in_a_data_site_without_voting_nodes_is_reported_without_a_crash()
    {
        var files = Clean();
        files[Yaml] = files[Yaml].Replace("witness: { role: witness, qdevice: true, addresses: [10.9.0.0/24] }", "room-c: { nodes: [pve-c1], addresses: [10.9.0.0/24] }");
        var findings = LintEngine.Run(ClusterBinder.Bind(ConfigTree.FromTexts(files))).Findings;

        Assert.DoesNotContain(findings, f => f.RuleId == "PVE9000");
        var f = Assert.Single(findings, f => f.RuleId == "PVE1003");
        Assert.Contains("losing room-c takes the QDevice's", f.Message);
    }

    [Theory]
    [InlineData("60", Severity.Error)]
    [InlineData("7", Severity.Warning)]
    public void Declared_latency_between_the_sites_is_PVE1004(string ms, Severity severity)
    {
        var files = Clean();
        files[Yaml] = files[Yaml].Replace("room-a..room-b: 1.2", $"room-a..room-b: {ms}");
        var f = Assert.Single(QuorumAndFencing(files));
        Assert.Equal(("PVE1004", severity), (f.RuleId, f.Severity));
        Assert.Contains($"declared {ms} ms apart", f.Message);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("4.9")]
    public void Latency_up_to_five_ms_is_fine(string ms)
    {
        var files = Clean();
        files[Yaml] = files[Yaml].Replace("room-a..room-b: 1.2", $"room-a..room-b: {ms}");
        Assert.Empty(QuorumAndFencing(files));
    }

    [Fact]
    public void One_link_only_is_PVE1005()
    {
        var files = Clean();
        var lines = files[Corosync].Split('\n').Where(l => !l.Contains("ring1_addr")).ToList();
        var interfaceOne = lines.FindIndex(l => l.Contains("linknumber: 1"));
        lines.RemoveRange(interfaceOne - 1, 3);
        files[Corosync] = string.Join('\n', lines);
        var f = Assert.Single(QuorumAndFencing(files));
        Assert.Equal(("PVE1005", Severity.Warning), (f.RuleId, f.Severity));
        Assert.Contains("All 4 nodes use link 0 only", f.Message);
        Assert.Equal(4, f.Related.Length);
    }

    [Fact]
    public void Two_node_on_three_nodes_is_PVE1011_split_brain()
    {
        var files = Clean();
        files.Remove(Yaml);
        var corosync = WithoutQDevice(files[Corosync]);
        var start = corosync.IndexOf("  node {\n    name: pve-b2", StringComparison.Ordinal);
        corosync = corosync.Remove(start, corosync.IndexOf("  }\n", start, StringComparison.Ordinal) + 4 - start);
        files[Corosync] = corosync.Replace("  provider: corosync_votequorum\n", "  provider: corosync_votequorum\n  two_node: 1\n");
        var f = Assert.Single(QuorumAndFencing(files), x => x.RuleId == "PVE1011");
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Contains("two_node: 1 on 3 nodes", f.Message);
        Assert.Contains("leaves 1 (quorate) on {pve-a1} and 2 (quorate) on {pve-a2, pve-b1}: split brain", f.Message);
    }

    [Fact]
    public void A_watchdog_module_typo_on_one_node_is_PVE4001_only()
    {
        var files = Clean();
        files.Remove("etc/default/pve-ha-manager");
        files["hosts/pve-a1/etc/default/pve-ha-manager"] = "WATCHDOG_MODULE=itco_wdt\n";
        foreach (var node in new[] { "pve-a2", "pve-b1", "pve-b2" })
            files[$"hosts/{node}/etc/default/pve-ha-manager"] = "WATCHDOG_MODULE=ipmi_watchdog\n";
        var f = Assert.Single(QuorumAndFencing(files));
        Assert.Equal(("PVE4001", Severity.Error), (f.RuleId, f.Severity));
        Assert.Equal("hosts/pve-a1/etc/default/pve-ha-manager", f.Span!.Value.Path);
        Assert.Contains("did you mean iTCO_wdt?", f.Message);
        Assert.Contains("on node pve-a1", f.Message);
        Assert.Equal(3, f.Related.Length);
    }

    [Fact]
    public void Hardware_fencing_with_a_fence_config_is_a_warning_and_without_one_an_error()
    {
        var files = Clean();
        files["etc/pve/datacenter.cfg"] += "fencing: both\n";
        Assert.Equal(("PVE4005", Severity.Error), QuorumAndFencing(files).Select(f => (f.RuleId, f.Severity)).Single());
        files["etc/pve/ha/fence.cfg"] = "device ipmi1:1 fence_ipmilan ip=10.1.0.250\nconnect ipmi1:1 node=pve-a1\n";
        Assert.Equal(("PVE4005", Severity.Warning), QuorumAndFencing(files).Select(f => (f.RuleId, f.Severity)).Single());
    }

    [Fact]
    public void Every_watchdog_driver_of_the_seed_and_the_docs_is_known()
    {
        foreach (var module in new[] { "softdog", "iTCO_wdt", "ipmi_watchdog", "sp5100_tco", "wdat_wdt", "it87_wdt", "hpwdt", "simatic-ipc-wdt" })
        {
            var files = Clean();
            files["etc/default/pve-ha-manager"] = $"WATCHDOG_MODULE={module}\n";
            Assert.DoesNotContain(QuorumAndFencing(files), f => f.RuleId == "PVE4001");
        }
    }
}
