using Linter.Cli.Tests.Support;
using PveLint.Cli.Sources;

namespace Linter.Cli.Tests.Sources;

/// <summary>
/// Issue 6, classes 2 and 6: only regular files are read, within their limits. A FIFO must not block, a
/// device must not be read without end, and priv/ must not even be listed (a real copy has it mode 0700).
/// </summary>
public sealed class SpecialFileTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private CliRun Scan(params string[] args) => Fifo.WithinSeconds(30, () => CliRunner.Run(CliRunner.Pinned(), ["scan", .. args]));

    [Fact]
    public void A_fifo_named_pvelint_yaml_is_PVE0010_not_a_hang()
    {
        _tree.Write("etc/pve/corosync.conf", "");
        Fifo.Create(_tree.PathOf(".pvelint.yaml"));

        var run = Scan(_tree.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(".pvelint.yaml(1,1): error PVE0010: .pvelint.yaml: the linter configuration is a FIFO, not a regular file; it was not read [unreadable-input]", run.OutputLines);
    }

    [Theory]
    [InlineData("--config")]
    [InlineData("--baseline")]
    public void Config_or_baseline_naming_a_device_or_a_fifo_is_exit_2_not_an_endless_read(string option)
    {
        _tree.Write("etc/pve/corosync.conf", "");
        var fifo = Fifo.Create(_tree.PathOf("pipe.yaml"));

        var zero = Scan(option, "/dev/zero", _tree.Root);
        var pipe = Scan(option, fifo, _tree.Root);

        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("/dev/zero: the ", zero.Error);
        Assert.Contains("is a character device, not a regular file", zero.Error);
        Assert.Equal(2, pipe.ExitCode);
        Assert.Contains("is a FIFO, not a regular file", pipe.Error);
    }

    [Fact]
    public void A_config_larger_than_the_file_limit_is_not_read()
    {
        _tree.Write("etc/pve/corosync.conf", "");
        var big = _tree.Write("big.yaml", new string('#', 4096));

        var run = CliRunner.Run(CliRunner.Pinned(SourceLimits.Default with { MaxFileBytes = 1024 }), "scan", "--config", big, _tree.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("big.yaml: the configuration file given with --config is 4 KiB, larger than the 1 KiB limit", run.Error);
    }

    [Fact]
    public void Priv_is_never_listed_so_its_entries_count_for_nothing()
    {
        _tree.Write("etc/pve/corosync.conf", "");
        _tree.Write("etc/pve/datacenter.cfg", "");
        for (var i = 0; i < 20; i++) _tree.Write($"etc/pve/priv/storage/s{i}.pw", "secret");
        for (var i = 0; i < 20; i++) _tree.Write($"etc/pve/nodes/pve1/priv/k{i}", "secret");
        Fifo.Create(_tree.PathOf("etc/pve/priv/lock"));

        var source = SourceLoader.Load(_tree.Root, _tree.Root, SourceLimits.Default with { MaxEntries = 8 });

        Assert.Equal(["etc/pve/corosync.conf", "etc/pve/datacenter.cfg"], source.Tree.Files.Select(f => f.Path).ToArray());
        Assert.Empty(source.Tree.SourceDiagnostics);
    }

    [Fact]
    public void The_entry_limit_applies_under_hosts_too()
    {
        _tree.Write("etc/pve/corosync.conf", "");
        for (var i = 0; i < 30; i++) _tree.CreateDirectory($"hosts/node{i:00}");

        var source = SourceLoader.Load(_tree.Root, _tree.Root, SourceLimits.Default with { MaxEntries = 10 });

        Assert.Equal("hosts: more than 10 entries; the rest was not read", Assert.Single(source.Tree.SourceDiagnostics).Message);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Unreadable_priv_leaves_a_clean_cluster_clean_for_a_user_who_cannot_read_it()
    {
        _tree.Write("etc/pve/corosync.conf", "");
        _tree.Write("etc/pve/priv/authkey.key", "SECRET");
        var run = RunAsAnotherUser(restricted: "etc/pve/priv");

        Assert.Equal("", run.Error);
        Assert.Contains("in 1 cluster (1 file).", run.Output);
        Assert.DoesNotContain("PVE0010", run.Output);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_wholly_unreadable_etc_pve_is_exit_2()
    {
        _tree.Write("etc/pve/corosync.conf", "");
        var run = RunAsAnotherUser(restricted: "etc/pve");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("etc/pve: the directory cannot be listed", run.Error);
    }

    /// <summary>
    /// Root reads every directory whatever its mode, so as root the CLI runs as uid 65534 (setpriv) against a
    /// directory only root may enter; as another user the mode alone does it.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private CliRun RunAsAnotherUser(string restricted)
    {
        foreach (var dir in Directory.EnumerateDirectories(_tree.Root, "*", SearchOption.AllDirectories).Append(_tree.Root))
            File.SetUnixFileMode(dir, (UnixFileMode)Convert.ToInt32("755", 8));
        foreach (var file in Directory.EnumerateFiles(_tree.Root, "*", SearchOption.AllDirectories))
            File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32("644", 8));
        File.SetUnixFileMode(_tree.PathOf(restricted), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var args = $"scan --fail-on none {PvelintProcess.Quote(_tree.Root)}";
        try
        {
            return PvelintProcess.IsRoot
                ? PvelintProcess.Shell(PvelintProcess.Command(args, asNobody: true))
                : CliRunner.Run(CliRunner.Pinned(), "scan", "--fail-on", "none", _tree.Root);
        }
        finally
        {
            File.SetUnixFileMode(_tree.PathOf(restricted), (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }
}
