using PveLint.Analysis.HighAvailability.Placement;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Sources;

namespace PveLint.Parsers.Tests.HighAvailabilityPlacement;

/// <summary>Placement input read from a scanned cluster: nodes, manager_status, guest loads, storage reachability.</summary>
public class ModelPlacementTests
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
        }

        """;

    private const string Storage = """
        zfspool: local-zfs
        	pool rpool/data
        	content images,rootdir

        rbd: ceph-vm
        	content images,rootdir
        	pool vm-pool

        nfs: nfs-ab
        	server 10.0.0.9
        	export /vm
        	path /mnt/pve/nfs-ab
        	content images
        	nodes pve1,pve2

        """;

    private static ClusterModel Bind(Dictionary<string, string> files)
    {
        var all = new Dictionary<string, string>
        {
            ["etc/pve/corosync.conf"] = Corosync,
            ["etc/pve/storage.cfg"] = Storage,
        };
        foreach (var (k, v) in files) all[k] = v;
        return ClusterBinder.Bind(ConfigTree.FromTexts(all));
    }

    private static RecoveryPlan Fail(ClusterModel model, params string[] failed) =>
        RecoverySimulation.Create(PlacementInputBuilder.FromModel(model), PlacementRule.EffectiveRules(model)).Fail(failed);

    [Fact]
    public void A_guest_on_local_storage_without_a_replica_cannot_start_where_it_is_recovered()
    {
        var model = Bind(new()
        {
            ["etc/pve/ha/resources.cfg"] = "vm: 100\n\tstate started\n\tmax_restart 2\n",
            ["etc/pve/nodes/pve1/qemu-server/100.conf"] = "memory: 2048\nscsi0: local-zfs:vm-100-disk-0,size=32G\n",
        });
        var placement = Fail(model, "pve1").Service("vm:100")!;
        Assert.Equal(PlacementOutcome.StartFailed, placement.Outcome);
        Assert.Null(placement.To);
        Assert.Equal(("pve2", "error"), (placement.CrmNode, placement.CrmState));
        Assert.Contains("its disk scsi0 is on storage 'local-zfs', local to pve1, with no replica on pve2: the start fails there (3 attempts, max_restart=2)", placement.Reason);
    }

    [Fact]
    public void A_replica_on_the_recovery_node_lets_the_guest_start_with_the_writes_since_the_last_sync_lost()
    {
        var model = Bind(new()
        {
            ["etc/pve/ha/resources.cfg"] = "vm: 100\n\tstate started\n",
            ["etc/pve/ha/rules.cfg"] = "node-affinity: to-pve3\n\tresources vm:100\n\tnodes pve1:2,pve3:1\n",
            ["etc/pve/replication.cfg"] = "local: 100-0\n\ttarget pve3\n\tschedule */15\n",
            ["etc/pve/nodes/pve1/qemu-server/100.conf"] = "scsi0: local-zfs:vm-100-disk-0,size=32G\n",
        });
        var placement = Fail(model, "pve1").Service("vm:100")!;
        Assert.Equal((PlacementOutcome.Recovered, "pve3"), (placement.Outcome, placement.To));
        Assert.Contains("starts from the replica of job 100-0", placement.Reason);
    }

    [Fact]
    public void Shared_storage_is_reachable_only_on_the_nodes_it_is_available_on()
    {
        var model = Bind(new()
        {
            ["etc/pve/ha/resources.cfg"] = "vm: 100\n\tstate started\n\nvm: 101\n\tstate started\n\nvm: 102\n\tstate started\n",
            // pve2 already runs a service, so the CRM picks pve3 for vm:100, where nfs-ab is not available
            ["etc/pve/nodes/pve1/qemu-server/100.conf"] = "scsi0: nfs-ab:100/vm-100-disk-0.qcow2,size=8G\n",
            ["etc/pve/nodes/pve1/qemu-server/101.conf"] = "scsi0: ceph-vm:vm-101-disk-0,size=8G\nide2: local:iso/debian.iso,media=cdrom\n",
            ["etc/pve/nodes/pve2/qemu-server/102.conf"] = "scsi0: ceph-vm:vm-102-disk-0,size=8G\n",
        });
        var plan = Fail(model, "pve1");
        var nfs = plan.Service("vm:100")!;
        Assert.Equal((PlacementOutcome.StartFailed, "pve3"), (nfs.Outcome, nfs.CrmNode));
        Assert.Contains("storage 'nfs-ab', which is shared but not available on pve3 (nodes pve1,pve2)", nfs.Reason);
        Assert.Equal((PlacementOutcome.Recovered, "pve2"), (plan.Service("vm:101")!.Outcome, plan.Service("vm:101")!.To));
    }

    [Fact]
    public void Manager_status_places_services_before_guest_config_directories()
    {
        var model = Bind(new()
        {
            ["etc/pve/ha/resources.cfg"] = "vm: 100\n\tstate started\n\nct: 200\n\tstate stopped\n\nvm: 300\n\tstate started\n",
            ["etc/pve/ha/manager_status"] = """{"master_node":"pve1","node_status":{"pve1":"online","pve2":"online","pve3":"online"},"service_status":{"vm:100":{"node":"pve2","state":"started"}}}""",
            ["etc/pve/nodes/pve1/qemu-server/100.conf"] = "memory: 1024\n",
            ["etc/pve/nodes/pve3/lxc/200.conf"] = "rootfs: ceph-vm:vm-200-disk-0,size=8G\n",
        });
        var input = PlacementInputBuilder.FromModel(model);
        Assert.Equal(["pve1", "pve2", "pve3"], input.Nodes.Select(n => n.Name));
        var vm = input.Services.Single(s => s.Sid == "vm:100");
        Assert.Equal(("pve2", CrmState.Started), (vm.Node, vm.State));
        var ct = input.Services.Single(s => s.Sid == "ct:200");
        Assert.Equal(("pve3", RequestedState.Stopped, CrmState.Stopped), (ct.Node, ct.Requested, ct.State));
        Assert.Equal(["vm:300"], input.Unplaced.ToArray());
    }

    [Fact]
    public void Guest_loads_follow_get_derived_property()
    {
        var model = Bind(new()
        {
            ["etc/pve/nodes/pve1/qemu-server/100.conf"] = "sockets: 2\ncores: 4\nmemory: current=4096\n",
            ["etc/pve/nodes/pve1/qemu-server/101.conf"] = "vcpus: 3\ncores: 8\n",
            ["etc/pve/nodes/pve1/lxc/200.conf"] = "cores: 2\ncpulimit: 1.5\nmemory: 1024\n",
            ["etc/pve/nodes/pve1/lxc/201.conf"] = "hostname: unlimited\n",
        });
        GuestLoad Load(int id) => GuestLoads.Of(model.GuestById(id)!);
        Assert.Equal(new GuestLoad(8, 4096L << 20), Load(100));
        Assert.Equal(new GuestLoad(3, 512L << 20), Load(101));
        Assert.Equal(new GuestLoad(1.5, 1024L << 20), Load(200));
        Assert.Equal(new GuestLoad(0, 512L << 20), Load(201));
    }

    [Fact]
    public void Static_scheduling_without_node_capacities_falls_back_to_basic_and_says_so()
    {
        var model = Bind(new()
        {
            ["etc/pve/datacenter.cfg"] = "crs: ha=static\n",
            ["etc/pve/ha/resources.cfg"] = "vm: 100\n\tstate started\n",
            ["etc/pve/nodes/pve1/qemu-server/100.conf"] = "memory: 1024\n",
        });
        var plan = Fail(model, "pve1");
        Assert.Equal(CrsScheduler.Basic, plan.Scheduler);
        Assert.Contains(plan.Notes, n => n.Contains("crs ha=static, but the CPU count and memory of pve1, pve2, pve3 are unknown"));
    }

    [Fact]
    public void Group_nofailback_overrides_the_resource_failback_as_the_crm_migration_does()
    {
        var model = Bind(new()
        {
            ["etc/pve/ha/groups.cfg"] = "group: keep\n\tnodes pve1\n\tnofailback 1\n",
            ["etc/pve/ha/resources.cfg"] = "vm: 100\n\tgroup keep\n\tfailback 1\n\nvm: 101\n\tfailback 0\n\nvm: 102\n\tgroup gone\n\tfailback 0\n",
            ["etc/pve/nodes/pve1/qemu-server/100.conf"] = "memory: 1024\n",
            ["etc/pve/nodes/pve1/qemu-server/101.conf"] = "memory: 1024\n",
            ["etc/pve/nodes/pve1/qemu-server/102.conf"] = "memory: 1024\n",
        });
        var failback = PlacementInputBuilder.FromModel(model).Services.ToDictionary(s => s.Sid, s => s.Failback);
        Assert.Equal(new Dictionary<string, bool> { ["vm:100"] = false, ["vm:101"] = false, ["vm:102"] = true }, failback);
    }
}
