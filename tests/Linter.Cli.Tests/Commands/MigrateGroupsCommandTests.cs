using Linter.Cli.Tests.Support;

namespace Linter.Cli.Tests.Commands;

/// <summary><c>pvelint migrate-groups</c>: the HA core's migration output on stdout, its refusals with exit code 2.</summary>
public sealed class MigrateGroupsCommandTests : IDisposable
{
    private const string Groups = "group: web\n\tnodes pve1:2,pve2\n\tnofailback 1\n\ngroup: db\n\tnodes pve3\n\trestricted 1\n\tcomment DB: primary\n";
    private const string Resources = "vm: 100\n\tgroup web\n\tstate started\n\nvm: 101\n\tgroup db\n\tmax_relocate 2\n\nct: 102\n\tstate stopped\n";
    private const string Rules = "resource-affinity: apart\n\tresources vm:100,vm:101\n\taffinity negative\n\tdisable 0\n";

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private string Cluster(string? rules = Rules)
    {
        _tree.Write("etc/pve/ha/groups.cfg", Groups);
        _tree.Write("etc/pve/ha/resources.cfg", Resources);
        if (rules is not null) _tree.Write("etc/pve/ha/rules.cfg", rules);
        return _tree.Root;
    }

    [Fact]
    public void Prints_the_rules_cfg_the_ha_core_writes()
    {
        var run = CliRunner.Run("migrate-groups", Cluster());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "resource-affinity: apart\n\taffinity negative\n\tresources vm:100,vm:101\n\n"
            + "node-affinity: ha-group-db\n\tcomment DB%3A primary\n\tnodes pve3\n\tresources vm:101\n\tstrict 1\n\n"
            + "node-affinity: ha-group-web\n\tcomment Generated from HA group 'web'.\n\tnodes pve1:2,pve2\n\tresources vm:100\n\n",
            run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Resources_prints_the_resources_cfg_without_group()
    {
        var run = CliRunner.Run("migrate-groups", Cluster(), "--resources");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("vm: 100\n\tfailback 0\n\tstate started\n\nvm: 101\n\tfailback 1\n\tmax_relocate 2\n\nct: 102\n\tfailback 1\n\tstate stopped\n\n", run.Output);
    }

    [Fact]
    public void Output_dir_writes_both_files()
    {
        var dir = _tree.PathOf("out");

        var run = CliRunner.Run("migrate-groups", Cluster(), "--output-dir", dir);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.StartsWith("resource-affinity: apart\n", File.ReadAllText(Path.Combine(dir, "rules.cfg")));
        Assert.StartsWith("vm: 100\n\tfailback 0\n", File.ReadAllText(Path.Combine(dir, "resources.cfg")));
        Assert.Contains("delete groups.cfg", run.Error);
    }

    [Fact]
    public void A_hand_written_rule_with_the_groups_id_is_refused()
    {
        var run = CliRunner.Run("migrate-groups", Cluster("node-affinity: ha-group-web\n\tresources vm:100\n\tnodes pve4\n"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Equal("pvelint: error: etc/pve/ha/rules.cfg:1: rule 'ha-group-web' would be overwritten by the rule the HA core makes from group 'web' (PVE2013); rename the rule first\n", run.Error);
    }

    [Fact]
    public void A_broken_rule_is_refused_because_the_ha_cores_migration_fails()
    {
        var run = CliRunner.Run("migrate-groups", Cluster("resource-affinity: apart\n\tresources vm:100,vm:101\n"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("etc/pve/ha/rules.cfg:1: rule 'apart' is broken", run.Error);
    }

    [Fact]
    public void No_groups_means_nothing_to_migrate()
    {
        _tree.Write("etc/pve/ha/resources.cfg", Resources);

        var run = CliRunner.Run("migrate-groups", _tree.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Equal("pvelint: groups.cfg defines no HA groups: nothing to migrate\n", run.Error);
    }
}
