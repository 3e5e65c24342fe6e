using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Rules.Engine;
using PveLint.Rules.HighAvailability;
using PveLint.Sources;

namespace PveLint.Rules.Tests.HighAvailability;

/// <summary>Cases of the HA design rules beyond their bad/good fixtures: other evidence, other severities, other releases.</summary>
public class HaDesignRuleTests
{
    private const string Corosync = "nodelist {\n  node {\n    name: pve1\n    nodeid: 1\n    ring0_addr: 10.0.0.1\n  }\n  node {\n    name: pve2\n    nodeid: 2\n    ring0_addr: 10.0.0.2\n  }\n  node {\n    name: pve3\n    nodeid: 3\n    ring0_addr: 10.0.0.3\n  }\n}\n";

    private static string Vm(string name, string disk = "ceph-vm", string extra = "") =>
        $"name: {name}\nmemory: 2048\nscsi0: {disk}:vm-disk-0,size=8G\n{extra}";

    private const string Storage = "rbd: ceph-vm\n\tcontent images\n\tpool vm\n\nzfspool: local-zfs\n\tpool rpool/data\n\tcontent images\n";

    private static Finding[] Run(Rule rule, params (string Path, string Text)[] files)
    {
        var all = files.Append((Path: "etc/pve/corosync.conf", Text: Corosync)).Append((Path: "etc/pve/storage.cfg", Text: Storage));
        var model = ClusterBinder.Bind(new ConfigTree(all.GroupBy(f => f.Path).Select(g => g.First()).Select(f => new ConfigFile(f.Path, f.Text, f.Path))));
        return LintEngine.Run(model, rules: [rule]).Findings.Where(f => f.RuleId == rule.Metadata.Id).ToArray();
    }

    [Fact]
    public void A_replicated_local_disk_is_a_warning_that_names_the_replication_target()
    {
        var finding = Assert.Single(Run(new HaGuestOnLocalStorage(),
            ("etc/pve/nodes/pve1/qemu-server/100.conf", Vm("web1", "local-zfs")),
            ("etc/pve/ha/resources.cfg", "vm: 100\n"),
            ("etc/pve/replication.cfg", "local: 100-0\n\ttarget pve2\n\tschedule */15\n")));

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("replicated to pve2: a recovery there starts from the last replica", finding.Message);
        Assert.Contains(finding.Related, r => r.Message == "replication job '100-0' to pve2");
    }

    [Fact]
    public void A_declared_redundancy_group_and_a_proxlb_tag_are_evidence_and_a_declaration_stops_name_guesses()
    {
        var findings = Run(new MissingAntiAffinity(),
            (".pvelint.yaml", "redundancy-groups:\n  mail: [vm:100, vm:101]\n"),
            ("etc/pve/nodes/pve1/qemu-server/100.conf", Vm("mx-east")),
            ("etc/pve/nodes/pve2/qemu-server/101.conf", Vm("mx-west")),
            ("etc/pve/nodes/pve1/qemu-server/102.conf", Vm("dc01", extra: "tags: plb_anti_affinity_ad;prod\n")),
            ("etc/pve/nodes/pve3/qemu-server/103.conf", Vm("dc02", extra: "tags: plb_anti_affinity_ad\n")),
            ("etc/pve/nodes/pve2/qemu-server/104.conf", Vm("web1")),
            ("etc/pve/nodes/pve3/qemu-server/105.conf", Vm("web2")),
            ("etc/pve/ha/resources.cfg", "vm: 100\n\nvm: 101\n\nvm: 102\n\nvm: 103\n\nvm: 104\n\nvm: 105\n"));

        Assert.Equal(2, findings.Length);
        Assert.Equal(".pvelint.yaml", findings[0].Span!.Value.Path);
        Assert.Contains("are redundant: they are declared as redundancy group 'mail' in .pvelint.yaml", findings[0].Message);
        Assert.Equal(("etc/pve/nodes/pve1/qemu-server/102.conf", 4), (findings[1].Span!.Value.Path, findings[1].Span!.Value.Line));
        Assert.Contains("the ProxLB anti-affinity tag 'plb_anti_affinity_ad'", findings[1].Message);
        Assert.DoesNotContain(findings, f => f.Message.Contains("web1", StringComparison.Ordinal));
    }

    [Fact]
    public void The_missing_rule_fix_appends_a_negative_rule_to_rules_cfg()
    {
        var finding = Assert.Single(Run(new MissingAntiAffinity(),
            ("etc/pve/nodes/pve1/qemu-server/100.conf", Vm("dc01")),
            ("etc/pve/nodes/pve2/qemu-server/101.conf", Vm("dc02")),
            ("etc/pve/ha/resources.cfg", "vm: 100\n\nvm: 101\n"),
            ("etc/pve/ha/rules.cfg", "node-affinity: dc01-prefers-pve1\n\tresources vm:100\n\tnodes pve1\n")));

        var edit = Assert.Single(finding.Fix!.Edits);
        Assert.Equal(("etc/pve/ha/rules.cfg", 4, 1), (edit.Span.Path, edit.Span.Line, edit.Span.Column));
        Assert.Equal("\nresource-affinity: dc-apart\n\taffinity negative\n\tresources vm:100,vm:101\n", edit.NewText);
    }

    [Fact]
    public void A_mapping_file_outside_the_scan_is_not_judged_and_a_missing_mapping_is()
    {
        (string, string)[] cluster =
        [
            ("etc/pve/nodes/pve1/qemu-server/100.conf", Vm("ocr", extra: "hostpci0: mapping=gpu\n")),
            ("etc/pve/ha/resources.cfg", "vm: 100\n"),
        ];
        Assert.Empty(Run(new HaGuestWithLocalDevices(), cluster));

        var finding = Assert.Single(Run(new HaGuestWithLocalDevices(), [.. cluster, ("etc/pve/mapping/pci.cfg", "nic\n\tmap node=pve1,path=0000:05:00.0,id=8086:1521\n")]));
        Assert.Contains("uses mapping 'gpu' (hostpci0), which mapping/pci.cfg does not define", finding.Message);
    }

    [Fact]
    public void Automatic_rebalancing_on_a_release_that_lacks_it_is_reported_once()
    {
        var finding = Assert.Single(Run(new RebalancingWithoutGuardrails(),
            ("etc/pve/datacenter.cfg", "crs: ha=static,ha-auto-rebalance=1,ha-auto-rebalance-threshold=0.3\n")));

        Assert.Contains("does not exist on pve-9.1", finding.Message);
        Assert.Contains("instead of 'static'", finding.Message);
    }

    [Fact]
    public void Strict_rules_are_not_judged_per_site_when_the_whole_cluster_is_one_site()
    {
        Assert.Empty(Run(new StrictAffinitySingleFailureDomain(),
            (".pvelint.yaml", "sites:\n  only:\n    nodes: [pve1, pve2, pve3]\n"),
            ("etc/pve/ha/resources.cfg", "vm: 100\n"),
            ("etc/pve/ha/rules.cfg", "node-affinity: web1-on-two\n\tresources vm:100\n\tnodes pve1,pve2\n\tstrict 1\n")));
    }
}
