using Linter.Cli.Tests.Support;
using PveLint.Binding;
using PveLint.LinterConfiguration;
using PveLint.Text;

namespace Linter.Cli.Tests.Commands;

/// <summary><c>pvelint init PATH</c>: a starter .pvelint.yaml from what the scan finds, never overwritten without --force.</summary>
public sealed class InitCommandTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private const string Corosync = "nodelist {\n  node {\n    name: pve-a1\n    nodeid: 1\n    ring0_addr: 10.0.0.1\n  }\n  node {\n    name: pve-b1\n    nodeid: 2\n    ring0_addr: 10.0.0.2\n  }\n}\n";

    private const string Crush = """
        # begin crush map
        device 0 osd.0 class ssd
        device 1 osd.1 class ssd

        type 0 osd
        type 1 host
        type 8 datacenter
        type 11 root

        host pve-a1 {
        	id -2
        	alg straw2
        	hash 0
        	item osd.0 weight 1.000
        }
        host pve-b1 {
        	id -3
        	alg straw2
        	hash 0
        	item osd.1 weight 1.000
        }
        datacenter north {
        	id -4
        	alg straw2
        	hash 0
        	item pve-a1 weight 1.000
        }
        datacenter south {
        	id -5
        	alg straw2
        	hash 0
        	item pve-b1 weight 1.000
        }
        root default {
        	id -1
        	alg straw2
        	hash 0
        	item north weight 1.000
        	item south weight 1.000
        }

        # end crush map

        """;

    private static void AssertReadsCleanly(string yaml)
    {
        var context = new BindContext();
        LinterConfigReader.Read(new SourceFile(".pvelint.yaml", yaml), context);
        Assert.Empty(context.Diagnostics);
    }

    [Fact]
    public void Writes_sites_from_crush_datacenters_the_nodes_and_the_schema_line()
    {
        _tree.Write("etc/pve/corosync.conf", Corosync);
        _tree.Write("ceph/crush.txt", Crush);

        var run = CliRunner.Run("init", _tree.Root, "--target", "pve-9.2");

        Assert.Equal((0, ""), (run.ExitCode, run.Output));
        Assert.Contains("wrote " + _tree.PathOf(".pvelint.yaml") + ": 2 nodes, 2 sites from CRUSH, target pve-9.2", run.Error);
        var yaml = File.ReadAllText(_tree.PathOf(".pvelint.yaml"));
        Assert.StartsWith("# yaml-language-server: $schema=" + LinterConfigSchema.PublishedUri + "\n", yaml);
        Assert.Contains("\ntarget: pve-9.2\n", yaml);
        Assert.Contains("\nsites:\n  north:\n    nodes: [pve-a1]\n  south:\n    nodes: [pve-b1]\n", yaml);
        Assert.Contains("#   pve-a1: { memory-gib: 0, cores: 0 }\n", yaml);
        AssertReadsCleanly(yaml);
    }

    [Fact]
    public void Without_a_crush_map_the_sites_are_a_commented_template()
    {
        _tree.Write("etc/pve/corosync.conf", Corosync);

        var run = CliRunner.Run("init", _tree.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 nodes, no sites found (a commented template instead), target pve-9.1", run.Error);
        var yaml = File.ReadAllText(_tree.PathOf(".pvelint.yaml"));
        Assert.Contains("\n# sites:\n#   room-a:\n#     nodes: [pve-a1]\n#   room-b:\n#     nodes: [pve-b1]\n", yaml);
        Assert.DoesNotContain("\nsites:", yaml);
        AssertReadsCleanly(yaml);
        // The file it wrote is then used by scan without a PVE9003.
        Assert.DoesNotContain("PVE9003", CliRunner.Run("scan", "--no-simulate", _tree.Root).Output);
    }

    [Fact]
    public void An_existing_file_is_kept_unless_forced()
    {
        _tree.Write("etc/pve/corosync.conf", Corosync);
        _tree.Write(".pvelint.yaml", "target: pve-9.0\n");

        var refused = CliRunner.Run("init", _tree.Root);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"pvelint: error: {_tree.PathOf(".pvelint.yaml")} already exists; pvelint init does not overwrite it (pass --force to replace it)\n", refused.Error);
        Assert.Equal("target: pve-9.0\n", File.ReadAllText(_tree.PathOf(".pvelint.yaml")));

        var forced = CliRunner.Run("init", "--force", _tree.Root);
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("\ntarget: pve-9.1\n", File.ReadAllText(_tree.PathOf(".pvelint.yaml")));
    }

    [Fact]
    public void A_path_that_does_not_exist_is_a_usage_error()
    {
        var run = CliRunner.Run("init", _tree.PathOf("nowhere"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nowhere: no such file or directory", run.Error);
    }
}
