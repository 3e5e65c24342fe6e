using System.Text;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Sources;

namespace PveLint.Simulation.Tests.Ceph;

/// <summary>
/// Generates a small PVE + Ceph cluster as configuration text: sites of nodes (site i at 10.0.i.0/24), two OSDs per
/// node under a CRUSH host bucket of the node's name inside a datacenter bucket of the site's name, monitors on chosen
/// nodes (plus an optional tiebreaker in a witness site without nodes), replicated pools over a host rule (id 0) or the
/// stretch rule (id 1), an RBD storage on pool <c>vm</c> and HA guests on it.
/// </summary>
internal sealed class CephCluster
{
    public required string[][] Sites { get; init; }
    public required string[] Monitors { get; init; }
    public bool Tiebreaker { get; init; }
    public bool StretchMode { get; init; }
    public bool QDeviceInWitness { get; init; }
    public (string Name, int Size, int MinSize, int Rule, int PgNum)[] Pools { get; init; } = [("vm", 3, 2, 0, 32)];
    public (int VmId, string Node)[] HaGuests { get; init; } = [];
    public bool WithoutCeph { get; init; }
    public Dictionary<string, string> ExtraFiles { get; init; } = [];

    private IEnumerable<(string Node, int Site, int Index)> AllNodes() =>
        Sites.SelectMany((nodes, s) => nodes.Select(n => (n, s + 1, 0))).Select((x, i) => (x.n, x.Item2, i + 1));

    private string Address(string node) => AllNodes().Where(n => n.Node == node).Select(n => $"10.0.{n.Site}.{n.Index}").Single();

    private int WitnessSite => Sites.Length + 1;

    public ClusterModel Bind() => ClusterBinder.Bind(ConfigTree.FromTexts(Files()));

    /// <summary>The configuration files by path, as a scan root holds them.</summary>
    public Dictionary<string, string> Files()
    {
        var files = new Dictionary<string, string>
        {
            ["etc/pve/corosync.conf"] = Corosync(),
            [".pvelint.yaml"] = Yaml(),
            ["etc/pve/storage.cfg"] = "rbd: ceph-vm\n\tcontent images\n\tpool vm\n",
            ["etc/pve/ha/resources.cfg"] = string.Concat(HaGuests.Select(g => $"vm: {g.VmId}\n\tstate started\n\n")),
        };
        foreach (var (id, node) in HaGuests)
            files[$"etc/pve/nodes/{node}/qemu-server/{id}.conf"] = $"memory: 1024\nscsi0: ceph-vm:vm-{id}-disk-0,size=8G\n";
        if (!WithoutCeph)
        {
            files["ceph/crush.txt"] = Crush();
            files["ceph/monmap.json"] = Monmap();
            files["ceph/osdmap.json"] = Osdmap();
        }
        foreach (var (path, text) in ExtraFiles) files[path] = text;
        return files;
    }

    private string Corosync()
    {
        var list = string.Concat(AllNodes().Select(n =>
            $"  node {{\n    name: {n.Node}\n    nodeid: {n.Index}\n    quorum_votes: 1\n    ring0_addr: {Address(n.Node)}\n  }}\n"));
        var device = QDeviceInWitness
            ? $"  device {{\n    model: net\n    votes: 1\n    net {{\n      host: 10.0.{WitnessSite}.100\n      algorithm: ffsplit\n      tls: on\n    }}\n  }}\n"
            : "";
        return $"nodelist {{\n{list}}}\n\nquorum {{\n  provider: corosync_votequorum\n{device}}}\n\ntotem {{\n  cluster_name: t\n  config_version: 1\n  secauth: on\n  version: 2\n}}\n";
    }

    private string Yaml()
    {
        var sb = new StringBuilder("sites:\n");
        for (var s = 0; s < Sites.Length; s++)
            sb.Append($"  site{s + 1}: {{ nodes: [{string.Join(", ", Sites[s])}], addresses: [10.0.{s + 1}.0/24] }}\n");
        if (Tiebreaker || QDeviceInWitness)
            sb.Append($"  site{WitnessSite}: {{ role: witness, addresses: [10.0.{WitnessSite}.0/24]{(QDeviceInWitness ? ", qdevice: true" : "")}{(Tiebreaker ? ", tiebreaker-monitor: true" : "")} }}\n");
        return sb.ToString();
    }

    private string Crush()
    {
        var sb = new StringBuilder("# begin crush map\ntunable choose_local_tries 0\ntunable choose_local_fallback_tries 0\ntunable choose_total_tries 50\n" +
            "tunable chooseleaf_descend_once 1\ntunable chooseleaf_vary_r 1\ntunable chooseleaf_stable 1\ntunable straw_calc_version 1\ntunable allowed_bucket_algs 54\n\n# devices\n");
        var nodes = AllNodes().ToList();
        for (var i = 0; i < nodes.Count * 2; i++) sb.Append($"device {i} osd.{i} class ssd\n");
        sb.Append("\n# types\ntype 0 osd\ntype 1 host\ntype 8 datacenter\ntype 11 root\n\n# buckets\n");
        var id = -2;
        foreach (var (node, _, index) in nodes)
            sb.Append($"host {node} {{\n\tid {id--}\n\talg straw2\n\thash 0\n\titem osd.{2 * (index - 1)} weight 1.000\n\titem osd.{2 * (index - 1) + 1} weight 1.000\n}}\n");
        for (var s = 0; s < Sites.Length; s++)
            sb.Append($"datacenter site{s + 1} {{\n\tid {id--}\n\talg straw2\n\thash 0\n{string.Concat(Sites[s].Select(n => $"\titem {n} weight 2.000\n"))}}}\n");
        sb.Append($"root default {{\n\tid -1\n\talg straw2\n\thash 0\n{string.Concat(Sites.Select((n, s) => $"\titem site{s + 1} weight {2 * n.Length}.000\n"))}}}\n\n# rules\n");
        sb.Append("rule replicated_rule {\n\tid 0\n\ttype replicated\n\tstep take default\n\tstep chooseleaf firstn 0 type host\n\tstep emit\n}\n");
        sb.Append("rule stretch_rule {\n\tid 1\n\ttype replicated\n\tstep take default\n\tstep choose firstn 0 type datacenter\n\tstep chooseleaf firstn 2 type host\n\tstep emit\n}\n\n# end crush map\n");
        return sb.ToString();
    }

    private IEnumerable<(string Name, string Address, string Site)> MonitorList()
    {
        foreach (var m in Monitors) yield return (m, Address(m), "site" + AllNodes().Single(n => n.Node == m).Site);
        if (Tiebreaker) yield return ("tb", $"10.0.{WitnessSite}.5", "site" + WitnessSite);
    }

    private string Monmap()
    {
        var mons = MonitorList().Select((m, rank) =>
            $"{{ \"rank\": {rank}, \"name\": \"{m.Name}\", \"public_addrs\": {{ \"addrvec\": [ {{ \"type\": \"v2\", \"addr\": \"{m.Address}:3300\", \"nonce\": 0 }} ] }}, " +
            $"\"addr\": \"{m.Address}:6789/0\", \"public_addr\": \"{m.Address}:6789/0\", \"priority\": 0, \"weight\": 0, \"crush_location\": \"{{datacenter={m.Site}}}\" }}").ToList();
        var tiebreaker = Tiebreaker && StretchMode ? "tb" : "";
        return $"{{ \"epoch\": 3, \"fsid\": \"7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f\", \"min_mon_release\": 19, \"election_strategy\": 3, " +
               $"\"disallowed_leaders\": \"{tiebreaker}\", \"stretch_mode\": {(StretchMode ? "true" : "false")}, \"tiebreaker_mon\": \"{tiebreaker}\", \"removed_ranks\": \"\", " +
               $"\"mons\": [ {string.Join(", ", mons)} ], \"quorum\": [ {string.Join(", ", mons.Select((_, i) => i))} ] }}";
    }

    private string Osdmap()
    {
        var pools = Pools.Select((p, i) =>
            $"{{ \"pool\": {i + 1}, \"pool_name\": \"{p.Name}\", \"type\": 1, \"size\": {p.Size}, \"min_size\": {p.MinSize}, \"crush_rule\": {p.Rule}, " +
            $"\"pg_num\": {p.PgNum}, \"pg_placement_num\": {p.PgNum}, \"flags_names\": \"hashpspool\", \"erasure_code_profile\": \"\", \"application_metadata\": {{ \"rbd\": {{}} }}, " +
            $"\"peering_crush_bucket_count\": {(StretchMode ? 2 : 0)}, \"peering_crush_bucket_target\": {(StretchMode ? 2 : 0)}, \"peering_crush_bucket_barrier\": {(StretchMode ? 8 : 0)}, " +
            "\"peering_crush_bucket_mandatory_member\": 2147483647 }");
        var osds = Enumerable.Range(0, AllNodes().Count() * 2).Select(i => $"{{ \"osd\": {i}, \"up\": 1, \"in\": 1, \"weight\": 1 }}");
        return $"{{ \"epoch\": 42, \"fsid\": \"7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f\", \"pools\": [ {string.Join(", ", pools)} ], \"osds\": [ {string.Join(", ", osds)} ], " +
               $"\"erasure_code_profiles\": {{}}, \"stretch_mode\": {{ \"stretch_mode_enabled\": {(StretchMode ? "true" : "false")}, \"stretch_bucket_count\": {(StretchMode ? 2 : 0)}, " +
               $"\"degraded_stretch_mode\": 0, \"recovering_stretch_mode\": 0, \"stretch_mode_bucket\": {(StretchMode ? 8 : 0)} }} }}";
    }
}
