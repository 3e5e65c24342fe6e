using System.Text.Json;
using Linter.Cli.Tests.Support;

namespace Linter.Cli.Tests.Commands;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    /// <summary>Two rooms of two nodes and a QDevice in a witness site.</summary>
    private string TwoRoomsWithWitness()
    {
        var nodes = string.Concat(new[] { "pve-a1", "pve-a2", "pve-b1", "pve-b2" }.Select((n, i) =>
            $"  node {{\n    name: {n}\n    nodeid: {i + 1}\n    quorum_votes: 1\n    ring0_addr: 10.0.0.{i + 1}\n  }}\n"));
        _tree.Write("etc/pve/corosync.conf",
            $"nodelist {{\n{nodes}}}\n\nquorum {{\n  provider: corosync_votequorum\n  device {{\n    model: net\n    votes: 1\n    net {{\n      host: 10.9.0.5\n      algorithm: ffsplit\n      tls: on\n    }}\n  }}\n}}\n\ntotem {{\n  cluster_name: demo\n  config_version: 2\n  secauth: on\n  version: 2\n}}\n");
        _tree.Write(".pvelint.yaml", "sites:\n  room-a: { nodes: [pve-a1, pve-a2] }\n  room-b: { nodes: [pve-b1, pve-b2] }\n  witness: { role: witness, qdevice: true, addresses: [10.9.0.0/24] }\nlatency-ms:\n  room-a..room-b: 1.5\n");
        _tree.Write("etc/pve/ha/resources.cfg", "vm: 101\n\tstate started\n");
        _tree.Write("etc/pve/storage.cfg", "rbd: ceph-vm\n\tcontent images\n\tpool vm\n");
        _tree.Write("etc/pve/nodes/pve-a1/qemu-server/101.conf", "memory: 1024\nscsi0: ceph-vm:vm-101-disk-0,size=8G\n");
        return _tree.Root;
    }

    [Fact]
    public void Text_shows_every_scenario_with_quorum_fencing_and_ha()
    {
        var run = CliRunner.Run("simulate", TwoRoomsWithWitness(), "--max-failures", "1");

        Assert.Equal(0, run.ExitCode);
        var text = string.Join("\n", run.OutputLines);
        Assert.Contains("site room-a lost\n  quorum:  {pve-b1, pve-b2}: quorate, 3 of 5 votes, quorum 3, with the QDevice vote\n  fenced:  none\n  HA:      moved: vm:101 pve-a1 -> pve-b1", text);
        Assert.Contains("netsplit room-a | room-b + witness", text);
    }

    [Fact]
    public void Json_has_the_documented_fields_for_every_scenario()
    {
        var run = CliRunner.Run("simulate", TwoRoomsWithWitness(), "--format", "json", "--max-failures", "2");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(string.Join("\n", run.OutputLines));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(2, root.GetProperty("maxFailures").GetInt32());
        var scenarios = root.GetProperty("scenarios").EnumerateArray().ToList();
        var split = scenarios.Single(s => s.GetProperty("id").GetString() == "split:room-a|room-b+witness");
        Assert.Equal("netsplit", split.GetProperty("kind").GetString());
        var partitions = split.GetProperty("quorum").GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal(["inquorate", "quorate"], partitions.Select(p => p.GetProperty("state").GetString()));
        Assert.Equal(3, partitions[1].GetProperty("totalVotes").GetInt32());
        var recovered = split.GetProperty("ha").GetProperty("services").EnumerateArray().Single();
        Assert.Equal(("vm:101", "pve-a1", "pve-b1", "recovered"),
            (recovered.GetProperty("sid").GetString(), recovered.GetProperty("from").GetString(), recovered.GetProperty("to").GetString(), recovered.GetProperty("outcome").GetString()));
        Assert.Equal(0, split.GetProperty("ha").GetProperty("unaffected").GetInt32());
        // A scenario that leaves the service where it was lists no service, only the count of those left alone.
        var elsewhere = scenarios.Single(s => s.GetProperty("id").GetString() == "node:pve-b2");
        Assert.Equal(1, elsewhere.GetProperty("ha").GetProperty("unaffected").GetInt32());
        Assert.Equal(0, elsewhere.GetProperty("ha").GetProperty("services").GetArrayLength());
        Assert.Contains(scenarios, s => s.GetProperty("failures").GetInt32() == 2);
        Assert.All(scenarios, s => Assert.Equal(4, s.GetProperty("nodes").GetArrayLength()));
    }

    [Fact]
    public void Markdown_has_a_mermaid_topology_and_a_scenario_table()
    {
        var run = CliRunner.Run("simulate", TwoRoomsWithWitness(), "--format", "markdown", "--max-failures", "1");

        Assert.Equal(0, run.ExitCode);
        var lines = run.OutputLines;
        Assert.Contains("```mermaid", lines);
        Assert.Contains("graph LR", lines);
        Assert.Contains(lines, l => l.Contains("subgraph") && l.Contains("\"room-a\""));
        Assert.Contains(lines, l => l.Contains("---|\"1.5 ms\"|"));
        Assert.Contains("| scenario | partitions and their quorum | fenced nodes | HA services moved / stranded | Ceph monitors and pools |", lines);
        Assert.Contains(lines, l => l.StartsWith("| site room-a lost |", StringComparison.Ordinal));
    }

    private static string CephFixture => Path.Combine(PveLint.Tests.TestPaths.Fixtures, "PVE6006", "bad");

    [Fact]
    public void Text_shows_the_Ceph_monitors_pools_and_blocked_guests_when_Ceph_data_is_present()
    {
        var run = CliRunner.Run("simulate", CephFixture, "--max-failures", "1");

        Assert.Equal(0, run.ExitCode);
        var text = string.Join("\n", run.OutputLines);
        Assert.Contains("site site1 lost\n", text);
        Assert.Contains("  Ceph:    monitors: mon.pve1, mon.pve2 lost; 2 of 4 monitors remain, quorum needs 3: no quorum; " +
                        "pools: vm-pool: all 32 PGs inactive: no monitor quorum; recovered but blocked: vm:101 on pve4 (recovered) (vm-pool), vm:102 on pve3 (vm-pool)", text);
        // Without Ceph data there is no Ceph line.
        Assert.DoesNotContain("Ceph:", string.Join("\n", CliRunner.Run("simulate", TwoRoomsWithWitness(), "--max-failures", "1").OutputLines));
    }

    [Fact]
    public void Json_has_the_Ceph_verdict_or_null()
    {
        var run = CliRunner.Run("simulate", CephFixture, "--format", "json", "--max-failures", "1");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(string.Join("\n", run.OutputLines));
        var split = doc.RootElement.GetProperty("scenarios").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "split:site1|site2+site3");
        var ceph = split.GetProperty("ceph");
        var monitors = ceph.GetProperty("monitors");
        Assert.Equal((4, 3, false), (monitors.GetProperty("total").GetInt32(), monitors.GetProperty("needed").GetInt32(), monitors.GetProperty("quorum").GetBoolean()));
        Assert.Equal([2, 2], monitors.GetProperty("sides").EnumerateArray().Select(s => s.GetProperty("monitors").GetArrayLength()));
        var pool = ceph.GetProperty("pools").EnumerateArray().Single();
        Assert.Equal(("vm-pool", 32, true), (pool.GetProperty("name").GetString(), pool.GetProperty("pgsInactive").GetInt32(), pool.GetProperty("blocks").GetBoolean()));
        var blocked = ceph.GetProperty("blockedServices").EnumerateArray().Select(b => b.GetProperty("sid").GetString()).ToList();
        Assert.Equal(["vm:101", "vm:102"], blocked);

        using var without = JsonDocument.Parse(string.Join("\n", CliRunner.Run("simulate", TwoRoomsWithWitness(), "--format", "json", "--max-failures", "1").OutputLines));
        Assert.All(without.RootElement.GetProperty("scenarios").EnumerateArray(), s => Assert.Equal(JsonValueKind.Null, s.GetProperty("ceph").ValueKind));
    }

    [Fact]
    public void Markdown_marks_monitor_nodes_and_the_tiebreaker_and_has_a_Ceph_column()
    {
        var run = CliRunner.Run("simulate", Path.Combine(PveLint.Tests.TestPaths.Fixtures, "PVE6006", "good"), "--format", "markdown", "--max-failures", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.Trim().EndsWith("[\"pve1 · mon\"]", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => l.Trim().EndsWith("{{\"mon.pve5 (tiebreaker)\"}}", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => l.StartsWith("| site site1 lost |", StringComparison.Ordinal) && l.EndsWith("degraded stretch mode; pools: vm-pool: serves I/O |", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_max_failures_is_a_usage_error()
    {
        var run = CliRunner.Run("simulate", TwoRoomsWithWitness(), "--max-failures", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--max-failures", run.Error);
    }
}
