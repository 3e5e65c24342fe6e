using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Rules.Engine;
using PveLint.Sources;
using PveLint.Tests;

namespace PveLint.Rules.Tests.DisasterRecovery;

/// <summary>
/// The seed's DR cases (issue 11) and how policy.dr decides which rules speak. The fixtures share one cluster:
/// sites dc-a (pve-a1, pve-a2, 10.1.0.0/16) and dc-b (pve-b1, pve-b2, 10.2.0.0/16), PBS in a third location
/// (site offsite, 10.30.0.0/24), HA vm:100 on local ZFS replicated every 15 minutes to dc-b.
/// </summary>
public class DrSeedCasesTests
{
    private static SortedDictionary<string, string> Fixture(string rule, string kind) => FixtureTree.Files(Path.Combine(TestPaths.Fixtures, rule, kind));

    private static List<Finding> Lint(SortedDictionary<string, string> files) =>
        LintEngine.Run(ClusterBinder.Bind(new ConfigTree(files.Select(kv => new ConfigFile(kv.Key, kv.Value, kv.Key))))).Findings.ToList();

    private static List<Finding> Dr(SortedDictionary<string, string> files) => Lint(files).Where(f => f.RuleId.StartsWith("PVE5", StringComparison.Ordinal)).ToList();

    [Fact]
    public void PBS_in_a_third_location_and_15_minute_ZFS_replication_to_the_other_site_give_no_PVE5xxx()
    {
        var files = Fixture("PVE5002", "good");
        Assert.Contains("server 10.30.0.5", files["etc/pve/storage.cfg"]);
        Assert.Contains("target pve-b1\n\tschedule */15", files["etc/pve/replication.cfg"]);
        Assert.Contains("dr: cross-site", files[".pvelint.yaml"]);
        var findings = Lint(files);
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("PVE5", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("PVE0", StringComparison.Ordinal) || f.RuleId.StartsWith("PVE9", StringComparison.Ordinal));
    }

    [Fact]
    public void A_PBS_datastore_served_from_a_VM_of_the_cluster_is_on_the_cluster()
    {
        var finding = Assert.Single(Dr(Fixture("PVE5002", "bad")), f => f.Message.Contains("backup-pbs-vm"));
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("pbs server 10.1.0.50, which is VM 120 'pbs' on node pve-a2 in site dc-a of this cluster (its ipconfig0)", finding.Message);
        Assert.Contains(finding.Related, r => r.Span.Path.EndsWith("qemu-server/120.conf", StringComparison.Ordinal) && r.Span.Line == 4);
    }

    [Fact]
    public void An_NFS_backup_server_in_site_A_is_reported_with_cross_site_intent_only()
    {
        var files = Fixture("PVE5002", "bad");
        var finding = Assert.Single(Dr(files), f => f.Message.Contains("backup-nfs-a"));
        Assert.Contains("stores guests of site dc-a (VM 100)", finding.Message);
        Assert.Contains("nfs server 10.1.0.60 in site dc-a (by its addresses: 10.1.0.0/16)", finding.Message);

        files[".pvelint.yaml"] = files[".pvelint.yaml"].Replace("dr: cross-site", "dr: same-site");
        var sameSite = Dr(files);
        Assert.DoesNotContain(sameSite, f => f.Message.Contains("backup-nfs-a"));
        Assert.Contains(sameSite, f => f.Message.Contains("backup-pbs-vm"));
    }

    [Fact]
    public void Replication_every_2_hours_against_a_15_minute_RPO()
    {
        var finding = Assert.Single(Dr(Fixture("PVE5001", "bad")), f => f.Message.Contains("'100-0'"));
        Assert.Equal("PVE5001", finding.RuleId);
        Assert.Contains("its worst-case interval is 2 h (Mon 00:00 → Mon 02:00), above the RPO of 15 min", finding.Message);
    }

    [Fact]
    public void Replication_of_a_guest_on_LVM_thin()
    {
        var finding = Assert.Single(Dr(Fixture("PVE5004", "bad")));
        Assert.Equal(("PVE5004", Severity.Error), (finding.RuleId, finding.Severity));
        Assert.Contains("scsi0 (local-lvm:vm-103-disk-0) is on lvmthin storage 'local-lvm', which cannot replicate", finding.Message);
        Assert.Contains(finding.Related, r => r.Span.Path.EndsWith("qemu-server/103.conf", StringComparison.Ordinal));
    }

    [Fact]
    public void Policy_dr_none_silences_the_intent_rules_but_not_broken_replication()
    {
        var files = Fixture("PVE5002", "bad");
        files[".pvelint.yaml"] = files[".pvelint.yaml"].Replace("dr: cross-site", "dr: none");
        Assert.Empty(Dr(files));

        var lvm = Fixture("PVE5004", "bad");
        lvm[".pvelint.yaml"] = lvm[".pvelint.yaml"].Replace("dr: cross-site", "dr: none");
        Assert.Equal(["PVE5004"], Dr(lvm).Select(f => f.RuleId));
    }

    [Fact]
    public void An_unplaced_backup_server_is_said_plainly_never_assumed_safe()
    {
        var files = Fixture("PVE5002", "good");
        files["etc/pve/storage.cfg"] = files["etc/pve/storage.cfg"].Replace("server 10.30.0.5", "server backup.example.com");
        var finding = Assert.Single(Dr(files));
        Assert.Equal(("PVE5002", Severity.Warning), (finding.RuleId, finding.Severity));
        Assert.Contains("backup.example.com in no known site", finding.Message);
        Assert.Contains("pvelint cannot tell", finding.Message);
    }

    [Theory]
    [InlineData("cephfs: cephfs\n\tpath /mnt/pve/cephfs\n\tcontent backup\n\tfs-name cephfs\n", "without monhost: this cluster's own Ceph")]
    [InlineData("cephfs: cephfs\n\tpath /mnt/pve/cephfs\n\tcontent backup\n\tmonhost 10.2.0.11:6789 10.1.0.11\n", "this cluster's own Ceph monitors")]
    public void CephFS_of_the_cluster_itself_is_on_the_cluster(string storage, string expected)
    {
        var files = Fixture("PVE5002", "good");
        files["etc/pve/storage.cfg"] += "\n" + storage;
        files["etc/pve/jobs.cfg"] = files["etc/pve/jobs.cfg"].Replace("storage pbs-offsite", "storage cephfs");
        var finding = Assert.Single(Dr(files));
        Assert.Contains(expected, finding.Message);
        Assert.Contains("the backups live on the cluster they protect", finding.Message);
    }

    [Fact]
    public void Without_sites_cross_site_replication_is_not_assumed()
    {
        var files = Fixture("PVE5003", "good");
        files[".pvelint.yaml"] = "policy:\n  dr: cross-site\n";
        var finding = Assert.Single(Dr(files), f => f.RuleId == "PVE5003");
        Assert.Contains("is in no site of .pvelint.yaml", finding.Message);
        Assert.DoesNotContain(Lint(files), f => f.RuleId == DiagnosticIds.InvalidLinterConfig);
    }

    [Fact]
    public void Without_jobs_cfg_backups_are_unknown_unless_the_copy_is_complete()
    {
        var files = Fixture("PVE5007", "good");
        files.Remove("etc/pve/jobs.cfg");
        Assert.DoesNotContain(Dr(files), f => f.RuleId == "PVE5007");

        files["etc/pve/user.cfg"] = "user:root@pam:1:0:::root@example.com:::\n";
        var findings = Dr(files).Where(f => f.RuleId == "PVE5007").ToList();
        Assert.Equal(3, findings.Count);
        Assert.All(findings, f => Assert.Contains("the cluster has no backup job", f.Message));
    }
}
