using System.Text;
using PveLint.Sources;

namespace PveLint.Bench;

/// <summary>
/// Writes a synthetic but well-formed cluster of any size: corosync.conf with two links, storage, HA resources
/// with node- and resource-affinity rules, replication jobs, one VM config per guest, a CRUSH map with a
/// datacenter per data site, the monitor and OSD dumps (<c>ceph mon dump</c>, <c>ceph osd dump</c>: a monitor on
/// the first node of every site and the second of the first two, the VM pool replicated over the datacenters),
/// and .pvelint.yaml sites (plus a QDevice witness site when asked). Deterministic for a given shape.
/// </summary>
public static class ClusterGenerator
{
    public static ConfigTree Generate(int nodes, int guestsPerNode) => Generate(ClusterShape.PerNode(nodes, guestsPerNode));

    public static ConfigTree Generate(ClusterShape shape)
    {
        var nodes = shape.Nodes;
        var files = new Dictionary<string, string>
        {
            ["etc/pve/corosync.conf"] = Corosync(nodes, shape.Witness),
            ["etc/pve/storage.cfg"] = "dir: local\n\tpath /var/lib/vz\n\tcontent iso,vztmpl,backup\n\nrbd: ceph-vm\n\tcontent images\n\tpool vm-pool\n\nzfspool: local-zfs\n\tpool rpool/data\n\tcontent images,rootdir\n",
            ["etc/pve/datacenter.cfg"] = "crs: ha=static\nha: shutdown_policy=migrate\nkeyboard: en-us\n",
            [".pvelint.yaml"] = Yaml(shape),
            ["ceph/crush.txt"] = Crush(shape),
            ["ceph/mon-dump.json"] = MonDump(shape),
            ["ceph/osd-dump.json"] = OsdDump(shape),
        };
        var resources = new StringBuilder();
        var rules = new StringBuilder();
        var replication = new StringBuilder();
        for (var i = 0; i < shape.Guests; i++)
        {
            var vmid = 100 + i;
            var n = i % nodes + 1;
            var g = i / nodes;
            var local = g % 4 == 0;
            files[$"etc/pve/nodes/pve{n}/qemu-server/{vmid}.conf"] =
                $"# guest {vmid}\nboot: order=scsi0\ncores: 4\nmemory: 8192\nname: app{vmid}\nnet0: virtio=BC:24:11:{vmid / 256 % 256:X2}:{vmid % 256:X2}:01,bridge=vmbr0\nostype: l26\n" +
                $"scsi0: {(local ? "local-zfs" : "ceph-vm")}:vm-{vmid}-disk-0,size=32G\nscsihw: virtio-scsi-single\ntags: bench;tier{g % 3}\n";
            resources.Append($"vm: {vmid}\n\tstate started\n\tmax_relocate 2\n\n");
            if (local) replication.Append($"local: {vmid}-0\n\ttarget pve{n % nodes + 1}\n\tschedule */15\n\n");
            if (i >= shape.HaRules) continue;
            // A negative pair with the previous guest (which runs on the previous node), else a preference for home.
            if (g % 2 == 1 && i > 0)
                rules.Append($"resource-affinity: apart-{vmid}\n\taffinity negative\n\tresources vm:{vmid - 1},vm:{vmid}\n\n");
            else
                rules.Append($"node-affinity: home-{vmid}\n\tnodes pve{n}:2,pve{n % nodes + 1}:1\n\tresources vm:{vmid}\n\n");
        }
        files["etc/pve/ha/resources.cfg"] = resources.ToString();
        files["etc/pve/ha/rules.cfg"] = rules.ToString();
        files["etc/pve/replication.cfg"] = replication.ToString();
        return ConfigTree.FromTexts(files);
    }

    private static string Corosync(int nodes, bool qdevice)
    {
        var sb = new StringBuilder("logging {\n  debug: off\n  to_syslog: yes\n}\n\nnodelist {\n");
        for (var n = 1; n <= nodes; n++)
            sb.Append($"  node {{\n    name: pve{n}\n    nodeid: {n}\n    quorum_votes: 1\n    ring0_addr: {Ring0Address(n)}\n    ring1_addr: 10.20.{n / 250}.{n % 250 + 1}\n  }}\n");
        sb.Append("}\n\nquorum {\n  provider: corosync_votequorum\n");
        if (qdevice) sb.Append("  device {\n    model: net\n    votes: 1\n    net {\n      host: 10.99.0.5\n      algorithm: ffsplit\n      tls: on\n    }\n  }\n");
        sb.Append("}\n\ntotem {\n  cluster_name: bench\n  config_version: 1\n");
        sb.Append("  interface {\n    linknumber: 0\n  }\n  interface {\n    linknumber: 1\n  }\n  ip_version: ipv4-6\n  link_mode: passive\n  secauth: on\n  version: 2\n}\n");
        return sb.ToString();
    }

    /// <summary>The nodes (1-based) of each data site, in order.</summary>
    private static IEnumerable<(string Name, int[] Nodes)> Sites(ClusterShape shape) =>
        Enumerable.Range(1, shape.Nodes).GroupBy(shape.SiteOf).Select(g => ($"dc{g.Key + 1}", g.ToArray()));

    private static string Yaml(ClusterShape shape)
    {
        var sites = Sites(shape).ToList();
        var sb = new StringBuilder("target: pve-9.1\nsites:\n");
        foreach (var (name, members) in sites) sb.Append($"  {name}:\n    nodes: [{string.Join(", ", members.Select(n => $"pve{n}"))}]\n");
        if (shape.Witness) sb.Append("  witness:\n    role: witness\n    qdevice: true\n    addresses: [10.99.0.0/24]\n");
        sb.Append("latency-ms:\n");
        for (var a = 0; a < sites.Count; a++)
            for (var b = a + 1; b < sites.Count; b++) sb.Append($"  {sites[a].Name}..{sites[b].Name}: 1.5\n");
        return sb.ToString();
    }

    private static string Crush(ClusterShape shape)
    {
        var osdsPerNode = shape.OsdsPerNode;
        var sb = new StringBuilder("# begin crush map\ntunable choose_total_tries 50\n\n# devices\n");
        for (var n = 1; n <= shape.Nodes; n++)
            for (var d = 0; d < osdsPerNode; d++) sb.Append($"device {(n - 1) * osdsPerNode + d} osd.{(n - 1) * osdsPerNode + d} class ssd\n");
        sb.Append("\n# types\ntype 0 osd\ntype 1 host\ntype 8 datacenter\ntype 11 root\n\n# buckets\n");
        var id = -2;
        for (var n = 1; n <= shape.Nodes; n++)
        {
            sb.Append($"host pve{n} {{\n\tid {id--}\n\talg straw2\n\thash 0\n");
            for (var d = 0; d < osdsPerNode; d++) sb.Append($"\titem osd.{(n - 1) * osdsPerNode + d} weight 1.000\n");
            sb.Append("}\n");
        }
        var sites = Sites(shape).ToList();
        foreach (var (name, members) in sites)
        {
            sb.Append($"datacenter {name} {{\n\tid {id--}\n\talg straw2\n\thash 0\n");
            foreach (var n in members) sb.Append($"\titem pve{n} weight {osdsPerNode}.000\n");
            sb.Append("}\n");
        }
        sb.Append("root default {\n\tid -1\n\talg straw2\n\thash 0\n");
        foreach (var (name, members) in sites) sb.Append($"\titem {name} weight {members.Length * osdsPerNode}.000\n");
        sb.Append("}\n\n# rules\nrule replicated_rule {\n\tid 0\n\ttype replicated\n\tstep take default\n\tstep chooseleaf firstn 0 type host\n\tstep emit\n}\n");
        sb.Append("rule replicated_datacenters {\n\tid 1\n\ttype replicated\n\tstep take default\n\tstep chooseleaf firstn 0 type datacenter\n\tstep emit\n}\n\n# end crush map\n");
        return sb.ToString();
    }

    /// <summary>A monitor on the first node of every site and on the second node of the first two (5 for 3 sites).</summary>
    private static string MonDump(ClusterShape shape)
    {
        var mons = Sites(shape).SelectMany((site, i) => site.Nodes.Take(i < 2 ? 2 : 1)).Order().ToList();
        var sb = new StringBuilder("{\n  \"epoch\": 7,\n  \"fsid\": \"5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b\",\n  \"min_mon_release\": 19,\n  \"min_mon_release_name\": \"squid\",\n  \"election_strategy\": 1,\n  \"stretch_mode\": false,\n  \"mons\": [\n");
        for (var rank = 0; rank < mons.Count; rank++)
        {
            var address = Ring0Address(mons[rank]);
            sb.Append($"    {{\"rank\": {rank}, \"name\": \"pve{mons[rank]}\", \"public_addrs\": {{\"addrvec\": [{{\"type\": \"v2\", \"addr\": \"{address}:3300\", \"nonce\": 0}}, {{\"type\": \"v1\", \"addr\": \"{address}:6789\", \"nonce\": 0}}]}}, \"addr\": \"{address}:6789/0\", \"public_addr\": \"{address}:6789/0\", \"priority\": 0, \"weight\": 0, \"crush_location\": \"{{}}\"}}{(rank + 1 < mons.Count ? "," : "")}\n");
        }
        sb.Append($"  ],\n  \"quorum\": [{string.Join(", ", Enumerable.Range(0, mons.Count))}]\n}}\n");
        return sb.ToString();
    }

    /// <summary>Every OSD up and in; the VM pool (4096 PGs, 3 copies, min_size 2) over the datacenters when there are 3 or more, else over hosts.</summary>
    private static string OsdDump(ClusterShape shape)
    {
        var vmRule = shape.Sites >= 3 ? 1 : 0;
        string Pool(int id, string name, int rule, int pgs, string application) =>
            $"    {{\"pool\": {id}, \"pool_name\": \"{name}\", \"type\": 1, \"size\": 3, \"min_size\": 2, \"crush_rule\": {rule}, \"pg_num\": {pgs}, \"pg_placement_num\": {pgs}, \"flags_names\": \"hashpspool\", \"erasure_code_profile\": \"\", \"application_metadata\": {{\"{application}\": {{}}}}}}";
        var sb = new StringBuilder("{\n  \"epoch\": 812,\n  \"fsid\": \"5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b\",\n  \"pools\": [\n");
        sb.Append(Pool(1, ".mgr", 0, 1, "mgr")).Append(",\n").Append(Pool(2, "vm-pool", vmRule, 4096, "rbd")).Append("\n  ],\n  \"osds\": [\n");
        var osds = shape.Nodes * shape.OsdsPerNode;
        for (var osd = 0; osd < osds; osd++)
            sb.Append($"    {{\"osd\": {osd}, \"up\": 1, \"in\": 1, \"weight\": 1}}{(osd + 1 < osds ? "," : "")}\n");
        sb.Append("  ],\n  \"erasure_code_profiles\": {}\n}\n");
        return sb.ToString();
    }

    private static string Ring0Address(int n) => $"10.10.{n / 250}.{n % 250 + 1}";
}
