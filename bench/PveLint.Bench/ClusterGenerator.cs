using System.Text;
using PveLint.Sources;

namespace PveLint.Bench;

/// <summary>
/// Writes a synthetic but well-formed cluster of any size: corosync.conf with two links, storage, HA resources
/// with node- and resource-affinity rules, replication jobs, one VM config per guest, a CRUSH map with a
/// datacenter per data site, and .pvelint.yaml sites (plus a QDevice witness site when asked). Deterministic for a
/// given shape.
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
            [".pvelint.yaml"] = Yaml(nodes, shape.Witness),
            ["ceph/crush.txt"] = Crush(nodes, shape.OsdsPerNode),
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
            sb.Append($"  node {{\n    name: pve{n}\n    nodeid: {n}\n    quorum_votes: 1\n    ring0_addr: 10.10.{n / 250}.{n % 250 + 1}\n    ring1_addr: 10.20.{n / 250}.{n % 250 + 1}\n  }}\n");
        sb.Append("}\n\nquorum {\n  provider: corosync_votequorum\n");
        if (qdevice) sb.Append("  device {\n    model: net\n    votes: 1\n    net {\n      host: 10.99.0.5\n      algorithm: ffsplit\n      tls: on\n    }\n  }\n");
        sb.Append("}\n\ntotem {\n  cluster_name: bench\n  config_version: 1\n");
        sb.Append("  interface {\n    linknumber: 0\n  }\n  interface {\n    linknumber: 1\n  }\n  ip_version: ipv4-6\n  link_mode: passive\n  secauth: on\n  version: 2\n}\n");
        return sb.ToString();
    }

    private static string Yaml(int nodes, bool witness)
    {
        var half = nodes / 2;
        string List(int from, int to) => string.Join(", ", Enumerable.Range(from, to - from + 1).Select(n => $"pve{n}"));
        var witnessSite = witness ? "  witness:\n    role: witness\n    qdevice: true\n    addresses: [10.99.0.0/24]\n" : "";
        return $"target: pve-9.1\nsites:\n  dc1:\n    nodes: [{List(1, half)}]\n  dc2:\n    nodes: [{List(half + 1, nodes)}]\n{witnessSite}latency-ms:\n  dc1..dc2: 1.5\n";
    }

    private static string Crush(int nodes, int osdsPerNode)
    {
        var sb = new StringBuilder("# begin crush map\ntunable choose_total_tries 50\n\n# devices\n");
        for (var n = 1; n <= nodes; n++)
            for (var d = 0; d < osdsPerNode; d++) sb.Append($"device {(n - 1) * osdsPerNode + d} osd.{(n - 1) * osdsPerNode + d} class ssd\n");
        sb.Append("\n# types\ntype 0 osd\ntype 1 host\ntype 8 datacenter\ntype 11 root\n\n# buckets\n");
        var id = -2;
        for (var n = 1; n <= nodes; n++)
        {
            sb.Append($"host pve{n} {{\n\tid {id--}\n\talg straw2\n\thash 0\n");
            for (var d = 0; d < osdsPerNode; d++) sb.Append($"\titem osd.{(n - 1) * osdsPerNode + d} weight 1.000\n");
            sb.Append("}\n");
        }
        var half = nodes / 2;
        foreach (var (dc, from, to) in new[] { ("dc1", 1, half), ("dc2", half + 1, nodes) })
        {
            sb.Append($"datacenter {dc} {{\n\tid {id--}\n\talg straw2\n\thash 0\n");
            for (var n = from; n <= to; n++) sb.Append($"\titem pve{n} weight {osdsPerNode}.000\n");
            sb.Append("}\n");
        }
        sb.Append($"root default {{\n\tid -1\n\talg straw2\n\thash 0\n\titem dc1 weight {half * osdsPerNode}.000\n\titem dc2 weight {(nodes - half) * osdsPerNode}.000\n}}\n\n");
        sb.Append("# rules\nrule replicated_rule {\n\tid 0\n\ttype replicated\n\tstep take default\n\tstep chooseleaf firstn 0 type host\n\tstep emit\n}\n\n# end crush map\n");
        return sb.ToString();
    }
}
