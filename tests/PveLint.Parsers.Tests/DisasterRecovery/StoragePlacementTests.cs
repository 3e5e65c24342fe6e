using PveLint.Analysis.DisasterRecovery;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Sources;

namespace PveLint.Parsers.Tests.DisasterRecovery;

/// <summary>Where backups and replicas live: hosts from address lists, guests that serve storage, the cluster's own Ceph.</summary>
public class StoragePlacementTests
{
    [Theory]
    [InlineData("10.0.0.1 10.0.0.2;10.0.0.3", "10.0.0.1|10.0.0.2|10.0.0.3")]
    [InlineData("mon1:6789,mon2", "mon1|mon2")]
    [InlineData("[v2:10.0.0.1:3300/0,v1:10.0.0.1:6789/0]", "10.0.0.1|10.0.0.1")]
    [InlineData("[fd00::1]:6789 fd00::2", "fd00::1|fd00::2")]
    public void Hosts_are_read_from_address_lists(string list, string hosts) =>
        Assert.Equal(hosts.Split('|'), HostAddresses.Hosts(list));

    private static ClusterModel Bind(Dictionary<string, string> files) =>
        ClusterBinder.Bind(new ConfigTree(files.Select(kv => new ConfigFile(kv.Key, kv.Value, kv.Key))));

    private const string Sites = "sites:\n  a: { nodes: [pve1], addresses: [10.1.0.0/16] }\n  far: { role: witness, addresses: [10.9.0.0/24] }\n";

    private static StorageLocation Locate(string storage, Dictionary<string, string>? more = null)
    {
        var files = new Dictionary<string, string>
        {
            [".pvelint.yaml"] = Sites,
            ["etc/pve/storage.cfg"] = storage,
            ["etc/pve/nodes/pve1/lxc/130.conf"] = "hostname: nas\nnet0: name=eth0,bridge=vmbr0,ip=10.1.0.80/16,gw=10.1.0.1\nrootfs: local:130/vm-130-disk-0.raw,size=8G\n",
        };
        foreach (var (k, v) in more ?? []) files[k] = v;
        var model = Bind(files);
        return StoragePlacement.Locate(model, model.Storages.Single(s => s.Id.Value != "local"));
    }

    [Fact]
    public void A_server_address_of_a_container_is_that_container()
    {
        var location = Locate("nfs: bk\n\tserver 10.1.0.80\n\texport /b\n\tpath /mnt/pve/bk\n\tcontent backup\n");
        Assert.Equal((StorageHome.ClusterGuest, 130), (location.Home, location.ServingGuest!.VmId));
        Assert.Contains("container 130 'nas' on node pve1 in site a of this cluster (its net0)", location.Description);
        Assert.True(location.OnCluster);
    }

    [Theory]
    [InlineData("pbs: pb\n\tserver 10.9.0.5\n\tdatastore d\n", StorageHome.External, "far")]
    [InlineData("pbs: pb\n\tserver 10.1.3.5\n\tdatastore d\n", StorageHome.External, "a")]
    [InlineData("pbs: pb\n\tserver pbs.example.com\n\tdatastore d\n", StorageHome.Unknown, null)]
    [InlineData("rbd: rb\n\tpool rbd\n", StorageHome.ClusterCeph, null)]
    [InlineData("rbd: rb\n\tpool rbd\n\tmonhost 192.0.2.10 192.0.2.11\n", StorageHome.Unknown, null)]
    [InlineData("zfspool: zf\n\tpool rpool/data\n", StorageHome.Nodes, null)]
    [InlineData("dir: nas\n\tpath /mnt/nas\n\tshared 1\n", StorageHome.Unknown, null)]
    public void Storages_are_placed_by_their_hosts(string storage, StorageHome home, string? site)
    {
        var location = Locate(storage);
        Assert.Equal(home, location.Home);
        if (site is not null) Assert.Equal(site, Assert.Single(location.Sites).Name);
    }

    [Fact]
    public void Monitors_of_the_cluster_s_own_Ceph_make_it_the_cluster_s_Ceph()
    {
        var location = Locate("rbd: rb\n\tpool rbd\n\tmonhost 10.5.0.1,10.5.0.2\n",
            new() { ["etc/pve/ceph.conf"] = "[global]\n\tmon_host = 10.5.0.1 10.5.0.2 10.5.0.3\n" });
        Assert.Equal(StorageHome.ClusterCeph, location.Home);
    }
}
