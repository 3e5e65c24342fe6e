using PveLint.Binding;
using PveLint.Model;
using PveLint.Sources;

namespace PveLint.Parsers.Tests.Guests;

/// <summary>The binder hands guest configs, watchdog files, ceph.conf and ha/manager_status to these readers.</summary>
public class ClusterBinderWiringTests
{
    [Fact]
    public void Model_holds_guests_watchdogs_ceph_conf_and_manager_status()
    {
        var tree = ConfigTree.FromTexts(new Dictionary<string, string>
        {
            ["etc/pve/nodes/pve1/qemu-server/100.conf"] = "name: web\ntags: prod;web\nscsi0: ceph-vm:vm-100-disk-0,size=32G\nhostpci0: mapping=nic\n",
            ["etc/pve/nodes/pve2/lxc/101.conf"] = "hostname: dns\nrootfs: local-zfs:subvol-101-disk-0,size=8G\ndev0: /dev/ttyUSB0\n",
            ["etc/default/pve-ha-manager"] = "WATCHDOG_MODULE=softdog\n",
            ["hosts/pve1/etc/default/pve-ha-manager"] = "WATCHDOG_MODULE=ipmi_watchdog\nWATCHDOG_MODULE=iTCO_wdt\n",
            ["etc/pve/ceph.conf"] = "[global]\n\tmon_host = 10.0.0.1 10.0.0.2\n",
            ["etc/pve/ha/manager_status"] = "{\"master_node\":\"pve2\",\"node_status\":{\"pve1\":\"online\",\"pve2\":\"online\"},\"service_status\":{\"vm:100\":{\"node\":\"pve1\",\"state\":\"started\"}}}",
        });

        var model = ClusterBinder.Bind(tree);

        Assert.Empty(model.Diagnostics);
        var vm = model.GuestById(100)!;
        Assert.Equal(("pve1", GuestKind.Qemu, "web"), (vm.Node, vm.Kind, vm.Name!.Value));
        Assert.Equal(["prod", "web"], vm.Tags.Select(t => t.Value));
        Assert.Equal("ceph-vm", vm.Disks.Single().StorageId);
        Assert.Equal("nic", vm.Devices.Single().Mapping);
        var ct = model.GuestById(101)!;
        Assert.Equal(("pve2", GuestKind.Lxc, "dns", "local-zfs"), (ct.Node, ct.Kind, ct.Name!.Value, ct.Disks.Single().StorageId!));

        Assert.Equal("softdog", model.DefaultWatchdog!.Module!.Value);
        Assert.Equal("iTCO_wdt", model.WatchdogFor("pve1")!.Module!.Value);
        Assert.Equal(EnvironmentFileQuirkKind.DuplicateAssignment, model.WatchdogFor("pve1")!.Quirks.Single().Kind);
        Assert.Equal("softdog", model.WatchdogFor("pve2")!.Module!.Value);

        Assert.Equal("10.0.0.1 10.0.0.2", model.Ceph.Conf!.Get("global", "mon_host")!.Value);
        Assert.Equal(("pve2", "pve1"), (model.Ha.Status!.MasterNode!, model.Ha.Status.Services["vm:100"].Node!));
    }
}
