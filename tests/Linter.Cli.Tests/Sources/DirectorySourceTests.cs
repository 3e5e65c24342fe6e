using System.Diagnostics;
using Linter.Cli.Tests.Support;
using PveLint.Cli.Sources;
using PveLint.Diagnostics;

namespace Linter.Cli.Tests.Sources;

public sealed class DirectorySourceTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private LoadedSource Load(string? path = null, string? repoRoot = null, SourceLimits? limits = null) =>
        SourceLoader.Load(path ?? _tree.Root, repoRoot ?? _tree.Root, limits ?? SourceLimits.Default);

    private static string[] Paths(LoadedSource source) => source.Tree.Files.Select(f => f.Path).ToArray();

    [Fact]
    public void Root_layout_maps_every_part_of_the_scan_root_to_its_logical_path()
    {
        _tree.Write("etc/pve/corosync.conf", "totem {\n}\n");
        _tree.Write("etc/pve/ha/rules.cfg", "");
        _tree.Write("etc/pve/nodes/pve1/qemu-server/100.conf", "memory: 2048\n");
        _tree.Write("etc/default/pve-ha-manager", "WATCHDOG_MODULE=ipmi_watchdog\n");
        _tree.Write("hosts/pve1/etc/default/pve-ha-manager", "WATCHDOG_MODULE=softdog\n");
        _tree.Write("ceph/crush.txt", "# begin crush map\n");
        _tree.Write("ceph/dumps/mon.json", "{}\n");
        _tree.Write(".pvelint.yaml", "target: pve-9.1\n");
        _tree.Write("README.md", "not configuration\n");
        _tree.Write("hosts/pve1/etc/hostname", "pve1\n");

        var source = Load();

        Assert.Equal(SourceKind.Directory, source.Kind);
        Assert.Equal(
            [".pvelint.yaml", "ceph/crush.txt", "ceph/dumps/mon.json", "etc/default/pve-ha-manager", "etc/pve/corosync.conf", "etc/pve/ha/rules.cfg",
             "etc/pve/nodes/pve1/qemu-server/100.conf", "hosts/pve1/etc/default/pve-ha-manager"],
            Paths(source));
        Assert.Equal("etc/pve/ha/rules.cfg", source.DisplayPathOf("etc/pve/ha/rules.cfg"));
        Assert.Equal("memory: 2048\n", source.Tree.Get("etc/pve/nodes/pve1/qemu-server/100.conf")!.Text);
        Assert.Empty(source.Tree.SourceDiagnostics);
    }

    [Fact]
    public void A_directory_holding_corosync_conf_is_itself_the_copy_of_etc_pve()
    {
        var copy = Path.Combine("backup", "pve");
        _tree.Write("backup/pve/corosync.conf", "totem {\n}\n");
        _tree.Write("backup/pve/nodes/pve1/lxc/200.conf", "arch: amd64\n");
        _tree.Write("backup/pve/.pvelint.yaml", "target: pve-9.2\n");

        var source = Load(_tree.PathOf(copy));

        Assert.Equal([".pvelint.yaml", "etc/pve/corosync.conf", "etc/pve/nodes/pve1/lxc/200.conf"], Paths(source));
        // Display paths are relative to the repository root, here the temp root above the scanned folder.
        Assert.Equal("backup/pve/corosync.conf", source.DisplayPathOf("etc/pve/corosync.conf"));
        Assert.Equal("backup/pve", source.DisplayName);
    }

    [Theory]
    [InlineData("datacenter.cfg")]
    [InlineData("ha/resources.cfg")]
    public void Datacenter_cfg_or_ha_also_mark_a_copy_of_etc_pve(string marker)
    {
        _tree.Write(marker, "");
        Assert.Equal(["etc/pve/" + marker], Paths(Load()));
    }

    [Fact]
    public void The_linter_config_is_found_above_the_scan_root_but_not_above_the_repository_root()
    {
        _tree.Write(".pvelint.yaml", "target: pve-9.0\n");
        _tree.Write("clusters/prod/etc/pve/corosync.conf", "");

        var withRepoRoot = Load(_tree.PathOf("clusters/prod"), _tree.Root);
        Assert.Equal(".pvelint.yaml", withRepoRoot.DisplayPathOf(".pvelint.yaml"));
        Assert.Equal("target: pve-9.0\n", withRepoRoot.Tree.Get(".pvelint.yaml")!.Text);

        var rootIsPath = Load(_tree.PathOf("clusters/prod"), _tree.PathOf("clusters/prod"));
        Assert.Null(rootIsPath.Tree.Get(".pvelint.yaml"));
    }

    [Fact]
    public void An_explicit_config_file_replaces_the_one_in_the_scan_root()
    {
        _tree.Write("etc/pve/corosync.conf", "");
        _tree.Write(".pvelint.yaml", "target: pve-9.0\n");
        var other = _tree.Write("configs/strict.yaml", "target: pve-9.2\n");

        var source = SourceLoader.Load(_tree.Root, _tree.Root, SourceLimits.Default, other);

        Assert.Equal("target: pve-9.2\n", source.Tree.Get(".pvelint.yaml")!.Text);
        Assert.Equal("configs/strict.yaml", source.DisplayPathOf(".pvelint.yaml"));
    }

    [Fact]
    public void Secrets_are_never_read()
    {
        _tree.Write("etc/pve/corosync.conf", "");
        _tree.Write("etc/pve/priv/authkey.key", "SECRET");
        _tree.Write("etc/pve/priv/storage/nas.pw", "SECRET");
        _tree.Write("etc/pve/nodes/pve1/priv/lrm.key", "SECRET");
        _tree.Write("etc/pve/pve-www.key", "SECRET");
        _tree.Write("etc/pve/nodes/pve1/pve-ssl.key", "SECRET");

        var source = Load();

        Assert.Equal(["etc/pve/corosync.conf"], Paths(source));
        Assert.Empty(source.Tree.SourceDiagnostics);
    }

    [Fact]
    public void Invalid_utf8_is_PVE0010_at_the_first_bad_byte_and_the_file_is_read_byte_wise_as_pve_reads_it()
    {
        _tree.WriteBytes("etc/pve/corosync.conf", [.. "totem {\n  x: \u00e9\n  y: "u8, 0xC3, 0x28, .. "\n}\n"u8]);

        var source = Load();

        Assert.Equal("totem {\n  x: \u00e9\n  y: \u00c3(\n}\n", source.Tree.Get("etc/pve/corosync.conf")!.Text);
        var diagnostic = Assert.Single(source.Tree.SourceDiagnostics);
        Assert.Equal(DiagnosticIds.UnreadableInput, diagnostic.Id);
        Assert.Equal(("etc/pve/corosync.conf", 3, 6), (diagnostic.Span!.Value.Path, diagnostic.Span.Value.Line, diagnostic.Span.Value.Column));
        Assert.StartsWith("etc/pve/corosync.conf: the file is not valid UTF-8 text (0xC3 at line 3, column 6); it is checked as PVE and corosync read it, byte by byte, with each byte that is not UTF-8 taken as its Latin-1 character", diagnostic.Message);
    }

    [Fact]
    public void A_byte_order_mark_is_kept_as_pve_and_corosync_read_it()
    {
        _tree.WriteBytes("etc/pve/datacenter.cfg", [0xEF, 0xBB, 0xBF, .. "keyboard: de\n"u8]);
        Assert.Equal("\uFEFFkeyboard: de\n", Load().Tree.Get("etc/pve/datacenter.cfg")!.Text);
    }

    [Fact]
    public void Files_over_the_size_limit_are_PVE0010_and_not_read()
    {
        _tree.Write("etc/pve/corosync.conf", "");
        _tree.Write("etc/pve/big.cfg", new string('x', 2048));

        var source = Load(limits: SourceLimits.Default with { MaxFileBytes = 1024 });

        Assert.Null(source.Tree.Get("etc/pve/big.cfg"));
        var diagnostic = Assert.Single(source.Tree.SourceDiagnostics);
        Assert.Equal("etc/pve/big.cfg: the file is 2 KiB, larger than the 1 KiB limit, and was not read", diagnostic.Message);
        Assert.Equal("etc/pve/big.cfg", diagnostic.Span!.Value.Path);
    }

    [Fact]
    public void A_100_MB_file_under_the_default_limits_is_PVE0010_and_the_scan_exits_1_not_2()
    {
        _tree.Write("etc/pve/corosync.conf", "totem {\n  version: 2\n  cluster_name: big\n}\nnodelist {\n  node {\n    name: pve1\n    nodeid: 1\n    ring0_addr: 10.0.0.1\n  }\n}\nquorum {\n  provider: corosync_votequorum\n}\n");
        // A sparse file: 100 MB long without writing 100 MB to disk.
        using (var big = File.Create(_tree.PathOf("etc/pve/storage.cfg"))) big.SetLength(100L * 1000 * 1000);

        var source = Load();
        Assert.Null(source.Tree.Get("etc/pve/storage.cfg"));
        Assert.Contains("larger than the 16 MiB limit", Assert.Single(source.Tree.SourceDiagnostics).Message);

        var run = CliRunner.Run("scan", _tree.Root);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("storage.cfg(1,1): error PVE0010:", run.Output);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void The_entry_limit_stops_the_walk_with_one_PVE0010()
    {
        for (var i = 0; i < 20; i++) _tree.Write($"etc/pve/nodes/n{i:00}/config", "");

        var source = Load(limits: SourceLimits.Default with { MaxEntries = 10 });

        Assert.True(source.Tree.Files.Count() < 10);
        var diagnostic = Assert.Single(source.Tree.SourceDiagnostics);
        Assert.Contains("more than 10 entries; the rest was not read", diagnostic.Message);
    }

    [Fact]
    public void Pmxcfs_view_symlinks_are_skipped_and_links_leaving_the_root_are_refused()
    {
        _tree.Write("etc/pve/corosync.conf", "");
        _tree.Write("etc/pve/nodes/pve1/qemu-server/100.conf", "memory: 1024\n");
        var outside = new TempTree();
        try
        {
            outside.Write("secret.cfg", "outside\n");
            File.CreateSymbolicLink(_tree.PathOf("etc/pve/local"), "nodes/pve1");
            File.CreateSymbolicLink(_tree.PathOf("etc/pve/qemu-server"), "nodes/pve1/qemu-server");
            File.CreateSymbolicLink(_tree.PathOf("etc/pve/storage.cfg"), outside.PathOf("secret.cfg"));
            File.CreateSymbolicLink(_tree.PathOf("etc/pve/user.cfg"), "nodes/pve1/qemu-server/100.conf");

            var source = Load();

            Assert.Equal(["etc/pve/corosync.conf", "etc/pve/nodes/pve1/qemu-server/100.conf", "etc/pve/user.cfg"], Paths(source));
            var diagnostic = Assert.Single(source.Tree.SourceDiagnostics);
            Assert.Equal("etc/pve/storage.cfg", diagnostic.Span!.Value.Path);
            Assert.Contains("outside the scanned directory and was not followed", diagnostic.Message);
        }
        finally
        {
            outside.Dispose();
        }
    }

    [Fact]
    public void A_fifo_is_PVE0010_and_never_opened_so_the_scan_cannot_block()
    {
        _tree.Write("etc/pve/corosync.conf", "");
        var fifo = _tree.PathOf("etc/pve/datacenter.cfg");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", fifo) { UseShellExecute = false }))
        {
            if (mkfifo is null) return;
            mkfifo.WaitForExit();
            if (mkfifo.ExitCode != 0) return;
        }

        var source = Load();

        Assert.Null(source.Tree.Get("etc/pve/datacenter.cfg"));
        Assert.Equal("etc/pve/datacenter.cfg: the file is a FIFO, not a regular file, and was not read", Assert.Single(source.Tree.SourceDiagnostics).Message);
    }
}
