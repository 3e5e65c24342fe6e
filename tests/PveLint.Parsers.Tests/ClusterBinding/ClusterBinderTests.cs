using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Sources;

namespace PveLint.Parsers.Tests.ClusterBinding;

public class ClusterBinderTests
{
    private const string Corosync = """
        nodelist {
          node {
            name: pve1
            nodeid: 1
            ring0_addr: 10.0.0.1
          }
          node {
            name: pve2
            nodeid: 2
            ring0_addr: 10.0.0.2
          }
          node {
            name: pve3
            nodeid: 3
            ring0_addr: 10.0.0.3
          }
        }

        quorum {
          provider: corosync_votequorum
        }

        totem {
          cluster_name: t
          config_version: 1
          secauth: on
          version: 2
        }

        """;

    private const string Crush = """
        # begin crush map
        # devices
        device 0 osd.0 class ssd
        device 1 osd.1 class ssd
        device 2 osd.2 class ssd

        # types
        type 0 osd
        type 1 host
        type 8 datacenter
        type 11 root

        # buckets
        host pve1 {
        	id -2
        	alg straw2
        	hash 0
        	item osd.0 weight 1.000
        }
        host pve2 {
        	id -3
        	alg straw2
        	hash 0
        	item osd.1 weight 1.000
        }
        host pve3 {
        	id -4
        	alg straw2
        	hash 0
        	item osd.2 weight 1.000
        }
        datacenter north {
        	id -5
        	alg straw2
        	hash 0
        	item pve1 weight 1.000
        	item pve2 weight 1.000
        }
        datacenter south {
        	id -6
        	alg straw2
        	hash 0
        	item pve3 weight 1.000
        }
        root default {
        	id -1
        	alg straw2
        	hash 0
        	item north weight 2.000
        	item south weight 1.000
        }

        # rules
        rule replicated_rule {
        	id 0
        	type replicated
        	step take default
        	step chooseleaf firstn 0 type host
        	step emit
        }

        # end crush map

        """;

    private static ClusterModel Bind(Dictionary<string, string> files) => ClusterBinder.Bind(ConfigTree.FromTexts(files));

    private static string[] Unresolved(ClusterModel model) =>
        model.Diagnostics.Where(d => d.Id == DiagnosticIds.UnresolvedReference)
            .Select(d => $"{d.Span!.Value.Path}({d.Span.Value.Line},{d.Span.Value.Column}): {d.Message}").ToArray();

    [Fact]
    public void Sites_come_from_crush_datacenters_whose_hosts_are_pve_nodes()
    {
        var model = Bind(new() { ["etc/pve/corosync.conf"] = Corosync, ["ceph/crush.txt"] = Crush });

        Assert.Equal(["pve1", "pve2", "pve3"], model.NodeNames.ToArray());
        Assert.Equal([("north", "pve1,pve2"), ("south", "pve3")], model.Sites.Select(s => (s.Name, string.Join(",", s.Nodes))));
        Assert.All(model.Sites, s => Assert.Equal(SiteSource.Crush, s.Source));
    }

    [Fact]
    public void Declared_sites_win_and_crush_only_places_the_nodes_they_leave_out()
    {
        var model = Bind(new()
        {
            ["etc/pve/corosync.conf"] = Corosync,
            ["ceph/crush.txt"] = Crush,
            [".pvelint.yaml"] = "sites:\n  room-1:\n    nodes: [pve1]\n  witness:\n    role: witness\n    qdevice: true\n",
        });

        Assert.Equal(
            [("room-1", "pve1", SiteSource.LinterConfig), ("witness", "", SiteSource.LinterConfig), ("north", "pve2", SiteSource.Crush), ("south", "pve3", SiteSource.Crush)],
            model.Sites.Select(s => (s.Name, string.Join(",", s.Nodes), s.Source)));
        Assert.True(model.Sites[1].HasQDevice);
        Assert.Equal(SiteRole.Witness, model.Sites[1].Role);
    }

    [Fact]
    public void Names_that_point_nowhere_are_PVE0008_at_their_span()
    {
        var model = Bind(new()
        {
            ["etc/pve/corosync.conf"] = Corosync,
            ["etc/pve/storage.cfg"] = "dir: local\n\tpath /var/lib/vz\n\tcontent images\n",
            ["etc/pve/ha/resources.cfg"] = "vm: 100\n\tgroup prod\n\nvm: 102\n",
            ["etc/pve/ha/rules.cfg"] = "node-affinity: r1\n\tnodes pve1,pve7\n\tresources vm:100,vm:555\n",
            ["etc/pve/replication.cfg"] = "local: 100-0\n\ttarget pve9\n",
            ["etc/pve/nodes/pve1/qemu-server/100.conf"] = "memory: 1024\nscsi0: fast:vm-100-disk-0,size=8G\n",
            ["hosts/pve8/etc/default/pve-ha-manager"] = "WATCHDOG_MODULE=softdog\n",
            [".pvelint.yaml"] = "sites:\n  a:\n    nodes: [pve1, pve6]\nredundancy-groups:\n  pair: [vm:100, vm:101]\n",
        });

        Assert.Equal([
            ".pvelint.yaml(3,19): site 'a' lists node 'pve6', which is not in corosync.conf",
            ".pvelint.yaml(5,18): redundancy group 'pair' names 'vm:101', which is not a guest of the cluster",
            "etc/pve/ha/resources.cfg(2,8): HA resource 'vm:100' names group 'prod', but there is no ha/groups.cfg",
            "etc/pve/ha/resources.cfg(4,1): HA resource 'vm:102' has no guest config under nodes/*/qemu-server/",
            "etc/pve/ha/rules.cfg(2,13): HA rule 'r1' names node 'pve7', which is not in corosync.conf",
            "etc/pve/ha/rules.cfg(3,19): HA rule 'r1' names resource 'vm:555', which is neither in ha/resources.cfg nor a guest of the cluster",
            "etc/pve/nodes/pve1/qemu-server/100.conf(2,8): VM 100 on node 'pve1': 'scsi0' uses storage 'fast', which is not in storage.cfg",
            "etc/pve/replication.cfg(2,9): replication job '100-0' targets node 'pve9', which is not in corosync.conf",
            "hosts/pve8/etc/default/pve-ha-manager(1,1): watchdog settings for host 'pve8', which is not a node in corosync.conf",
        ], Unresolved(model).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void A_name_a_typo_away_from_a_known_one_gets_a_suggestion()
    {
        var model = Bind(new()
        {
            ["etc/pve/corosync.conf"] = Corosync,
            ["etc/pve/storage.cfg"] = "dir: local\n\tpath /var/lib/vz\n\tcontent images\n\nzfspool: tank-fast\n\tpool tank\n",
            ["etc/pve/ha/resources.cfg"] = "vm: 100\n\tgroup prodd\n\nvm: 2000\n",
            ["etc/pve/ha/groups.cfg"] = "group: prod\n\tnodes pve1,PVE2,pve9\n",
            ["etc/pve/ha/rules.cfg"] = "node-affinity: r1\n\tnodes pvee2\n\tresources vm:100,vm:2001\n",
            ["etc/pve/replication.cfg"] = "local: 100-0\n\ttarget pve-3\n",
            ["etc/pve/nodes/pve1/qemu-server/100.conf"] = "memory: 1024\nscsi0: tank-fats:vm-100-disk-0,size=8G\n",
            ["etc/pve/nodes/pve1/qemu-server/2000.conf"] = "memory: 1024\n",
            [".pvelint.yaml"] = "redundancy-groups:\n  pair: [vm:100, vm:101]\n",
        });

        Assert.Equal(string.Join("\n", new[] {
            // vm:101 is one edit from vm:100, but the group lists vm:100 already: another guest, not a typo.
            ".pvelint.yaml(2,18): redundancy group 'pair' names 'vm:101', which is not a guest of the cluster",
            "etc/pve/ha/groups.cfg(2,13): HA group 'prod' names node 'PVE2', which is not in corosync.conf (did you mean 'pve2'?)",
            // pve9 is one edit from each of pve1, pve2 and pve3: no single guess.
            "etc/pve/ha/groups.cfg(2,18): HA group 'prod' names node 'pve9', which is not in corosync.conf",
            "etc/pve/ha/resources.cfg(2,8): HA resource 'vm:100' names group 'prodd', which is not in ha/groups.cfg (did you mean 'prod'?)",
            "etc/pve/ha/rules.cfg(2,8): HA rule 'r1' names node 'pvee2', which is not in corosync.conf (did you mean 'pve2'?)",
            "etc/pve/ha/rules.cfg(3,19): HA rule 'r1' names resource 'vm:2001', which is neither in ha/resources.cfg nor a guest of the cluster (did you mean 'vm:2000'?)",
            "etc/pve/nodes/pve1/qemu-server/100.conf(2,8): VM 100 on node 'pve1': 'scsi0' uses storage 'tank-fats', which is not in storage.cfg (did you mean 'tank-fast'?)",
            "etc/pve/replication.cfg(2,9): replication job '100-0' targets node 'pve-3', which is not in corosync.conf (did you mean 'pve3'?)",
        }), string.Join("\n", Unresolved(model).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Backup_job_names_a_typo_away_get_the_suggestion_before_the_consequence()
    {
        var model = Bind(new()
        {
            ["etc/pve/corosync.conf"] = Corosync,
            ["etc/pve/storage.cfg"] = "dir: local\n\tpath /var/lib/vz\n\tcontent backup\n\npbs: pbs-offsite\n\tdatastore main\n\tserver 10.0.0.9\n",
            ["etc/pve/user.cfg"] = "pool:web:Web servers:100::\n",
            ["etc/pve/jobs.cfg"] = "vzdump: nightly\n\tschedule daily\n\tpool webb\n\tstorage pbs-ofsite\n\tnode pve-1\n",
        });

        Assert.Equal(string.Join("\n", new[]
        {
            "etc/pve/jobs.cfg(3,7): backup job 'nightly' backs up pool 'webb', which is not in user.cfg (did you mean 'web'?): vzdump fails with \"pool 'webb' does not exist\".",
            "etc/pve/jobs.cfg(4,10): backup job 'nightly' writes to storage 'pbs-ofsite', which is not in storage.cfg (did you mean 'pbs-offsite'?): every run fails.",
            "etc/pve/jobs.cfg(5,7): backup job 'nightly' runs only on node 'pve-1', which is not in corosync.conf (did you mean 'pve1'?): it never runs.",
        }), string.Join("\n", Unresolved(model).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Checks_that_need_a_missing_file_do_not_run()
    {
        // No corosync.conf, no storage.cfg, no guest configs: nothing can be called unresolved.
        var model = Bind(new()
        {
            ["etc/pve/ha/resources.cfg"] = "vm: 100\n",
            ["etc/pve/ha/rules.cfg"] = "node-affinity: r1\n\tnodes pve7\n\tresources vm:100\n",
        });
        Assert.Empty(Unresolved(model));
    }

    [Fact]
    public void Secrets_and_ignored_paths_are_never_read()
    {
        var model = Bind(new()
        {
            ["etc/pve/priv/authkey.key"] = "\0secret",
            ["etc/pve/nodes/lab1/qemu-server/900.conf"] = "memory: 1\n",
            ["etc/pve/nodes/pve1/qemu-server/100.conf"] = "memory: 1\n",
            [".pvelint.yaml"] = "ignore-paths: [\"nodes/lab*/**\"]\n",
        });
        Assert.DoesNotContain("etc/pve/priv/authkey.key", model.Files.Keys);
        Assert.Equal([100], model.Guests.Select(g => g.VmId).ToArray());
        Assert.Empty(model.Diagnostics);
    }

    [Fact]
    public void The_same_vmid_under_two_nodes_is_PVE0005_and_the_first_is_kept()
    {
        var model = Bind(new()
        {
            ["etc/pve/nodes/pve1/qemu-server/100.conf"] = "memory: 1\nname: first\n",
            ["etc/pve/nodes/pve2/lxc/100.conf"] = "memory: 1\nhostname: second\n",
        });
        Assert.Equal("pve1", Assert.Single(model.Guests).Node);
        var d = Assert.Single(model.Diagnostics);
        Assert.Equal(DiagnosticIds.DuplicateSection, d.Id);
        Assert.Contains("detected duplicate VMID 100", d.Message);
    }

    [Fact]
    public void Diagnostics_are_capped_per_file_and_id_whichever_reader_reports_them()
    {
        // 2000 HA resources naming a group with no groups.cfg: PVE0008 from the reference resolver, not a parser.
        var resources = string.Concat(Enumerable.Range(100, 2000).Select(id => $"vm: {id}\n\tgroup grp\n\n"));
        var model = Bind(new() { ["etc/pve/ha/resources.cfg"] = resources });

        var unresolved = model.Diagnostics.Where(d => d.Id == DiagnosticIds.UnresolvedReference).ToList();
        Assert.Equal(501, unresolved.Count);
        var summary = unresolved[^1];
        Assert.Equal(1500, summary.Omitted);
        Assert.Equal("1500 more PVE0008 problems in this file are not reported; the first 500 are.", summary.Message);
        Assert.Equal(1502, summary.Span!.Value.Line); // the 501st resource's 'group' line
    }

    [Fact]
    public void Binary_files_are_PVE0010_and_not_parsed()
    {
        var model = Bind(new() { ["etc/pve/corosync.conf"] = "totem {\0\0\0" });
        Assert.Null(model.Corosync);
        Assert.Equal(DiagnosticIds.UnreadableInput, Assert.Single(model.Diagnostics).Id);
    }
}
