using Linter.Cli.Tests.Support;
using PveLint.Cli.Sources;

namespace Linter.Cli.Tests.Sources;

/// <summary>
/// Issue 6, class 1: a link may lead nowhere pvelint does not read anyway. Every path is resolved fully and its
/// final target checked against the scan root and the secret rule before it is opened; a refused link is
/// PVE0010 and its content never appears in any report.
/// </summary>
public sealed class SymlinkTests : IDisposable
{
    private const string Secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
    private readonly TempTree _tree = new();
    private readonly TempTree _outside = new();

    public void Dispose()
    {
        _tree.Dispose();
        _outside.Dispose();
    }

    private LoadedSource Load() => SourceLoader.Load(_tree.Root, _tree.Root, SourceLimits.Default);

    private void Link(string relative, string target)
    {
        var path = _tree.PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }

    /// <summary>Scans in every format and proves the secret is in none of them.</summary>
    private void AssertNeverEchoed()
    {
        foreach (var format in new[] { "text", "json", "sarif", "github", "markdown" })
        {
            var run = CliRunner.Run(CliRunner.Pinned(), "scan", "--format", format, _tree.Root);
            Assert.True(run.ExitCode is 0 or 1, run.ToString());
            Assert.DoesNotContain(Secret, run.Output + run.Error);
        }
    }

    private void WriteCluster()
    {
        _tree.Write("etc/pve/corosync.conf", "totem {\n}\n");
        _tree.Write("etc/pve/priv/authkey.key", $"-----BEGIN PRIVATE KEY-----\n{Secret}\n");
        _outside.Write("secret.cfg", $"{Secret}\n");
        _outside.Write("etc/default/pve-ha-manager", $"{Secret}\n");
    }

    [Fact]
    public void A_guest_config_linked_to_a_key_in_priv_is_refused_unread()
    {
        WriteCluster();
        Link("etc/pve/nodes/pve1/qemu-server/150.conf", "../../../priv/authkey.key");

        var source = Load();

        Assert.Null(source.Tree.Get("etc/pve/nodes/pve1/qemu-server/150.conf"));
        Assert.Equal("etc/pve/nodes/pve1/qemu-server/150.conf: is a symbolic link to 'etc/pve/priv/authkey.key', which pvelint never reads (priv/, *.key, .git/)",
            Assert.Single(source.Tree.SourceDiagnostics).Message);
        AssertNeverEchoed();
    }

    [Fact]
    public void A_link_through_a_directory_link_to_a_file_outside_is_refused()
    {
        WriteCluster();
        // storage.cfg -> inside/secret.cfg looks inside the root, but inside/ is a link to a directory outside it.
        Link("etc/pve/inside", _outside.Root);
        Link("etc/pve/storage.cfg", "inside/secret.cfg");

        var source = Load();

        Assert.Null(source.Tree.Get("etc/pve/storage.cfg"));
        Assert.Contains(source.Tree.SourceDiagnostics, d => d.Message == $"etc/pve/storage.cfg: is a symbolic link to '{_outside.PathOf("secret.cfg")}' outside the scanned directory and was not followed");
        AssertNeverEchoed();
    }

    [Theory]
    [InlineData("etc/pve", "")]
    [InlineData("etc", "")]
    [InlineData("hosts/pve1", "")]
    [InlineData("hosts/pve1/etc/default/pve-ha-manager", "etc/default/pve-ha-manager")]
    [InlineData("ceph", "")]
    [InlineData(".pvelint.yaml", "secret.cfg")]
    public void Top_level_parts_of_the_layout_that_link_outside_are_refused(string part, string targetInOutside)
    {
        _tree.Write("etc/default/pve-ha-manager", "WATCHDOG_MODULE=softdog\n");
        _tree.Write("ceph/.keep", "");
        _outside.Write("corosync.conf", $"{Secret}\n");
        _outside.Write("pve/corosync.conf", $"{Secret}\n");
        _outside.Write("secret.cfg", $"{Secret}\n");
        _outside.Write("etc/default/pve-ha-manager", $"{Secret}\n");
        _outside.Write("crush.txt", $"{Secret}\n");
        if (part != "etc/pve" && part != "etc") _tree.Write("etc/pve/corosync.conf", "totem {\n}\n");
        if (part == "etc") Directory.Delete(_tree.PathOf("etc"), recursive: true);
        if (part == "ceph") Directory.Delete(_tree.PathOf("ceph"), recursive: true);
        Link(part, _outside.PathOf(targetInOutside));

        var source = Load();

        Assert.DoesNotContain(source.Tree.Files, f => f.Text.Contains(Secret));
        Assert.Contains(source.Tree.SourceDiagnostics, d => d.Message.Contains("outside the scanned directory and was not followed"));
        AssertNeverEchoed();
    }

    [Fact]
    public void A_link_into_dot_git_is_refused()
    {
        _tree.Write("etc/pve/corosync.conf", "");
        _tree.Write(".git/config", $"[http]\n  extraheader = AUTHORIZATION: basic {Secret}\n");
        Link("etc/pve/user.cfg", "../../.git/config");

        var source = Load();

        Assert.Equal("etc/pve/user.cfg: is a symbolic link to '.git/config', which pvelint never reads (priv/, *.key, .git/)", Assert.Single(source.Tree.SourceDiagnostics).Message);
    }

    [Fact]
    public void A_symlink_loop_is_called_a_loop_and_a_dangling_link_missing()
    {
        _tree.Write("etc/pve/corosync.conf", "");
        Link("etc/pve/storage.cfg", "user.cfg");
        Link("etc/pve/user.cfg", "storage.cfg");
        Link("etc/pve/datacenter.cfg", "nowhere.cfg");

        var messages = Load().Tree.SourceDiagnostics.Select(d => d.Message).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(
        [
            "etc/pve/datacenter.cfg: is a symbolic link to 'nowhere.cfg', which does not exist",
            "etc/pve/storage.cfg: is a symbolic link loop (more than 40 links followed)",
            "etc/pve/user.cfg: is a symbolic link loop (more than 40 links followed)",
        ], messages);
    }

    [Fact]
    public void A_linter_config_above_the_scan_root_must_not_link_outside_the_repository()
    {
        _tree.Write("clusters/prod/etc/pve/corosync.conf", "");
        _outside.Write("secret.cfg", $"{Secret}\n");
        Link(".pvelint.yaml", _outside.PathOf("secret.cfg"));

        var source = SourceLoader.Load(_tree.PathOf("clusters/prod"), _tree.Root, SourceLimits.Default);

        Assert.Null(source.Tree.Get(".pvelint.yaml"));
        Assert.Contains("outside the scanned directory", Assert.Single(source.Tree.SourceDiagnostics).Message);
    }

    [Fact]
    public void An_explicit_config_inside_the_repository_that_links_outside_is_exit_2()
    {
        _tree.Write("etc/pve/corosync.conf", "");
        _outside.Write("secret.cfg", $"{Secret}\n");
        Link("ci/pvelint.yaml", _outside.PathOf("secret.cfg"));

        var run = CliRunner.Run(CliRunner.Pinned(), "scan", "--config", _tree.PathOf("ci/pvelint.yaml"), _tree.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("ci/pvelint.yaml: the configuration file given with --config is a symbolic link to", run.Error);
        Assert.DoesNotContain(Secret, run.Output + run.Error);
    }

    [Fact]
    public void Links_inside_the_root_to_configuration_files_are_still_read()
    {
        _tree.Write("etc/pve/corosync.conf", "");
        _tree.Write("shared/storage.cfg", "dir: local\n\tpath /var/lib/vz\n");
        Link("etc/pve/storage.cfg", "../../shared/storage.cfg");

        var source = Load();

        Assert.Equal("dir: local\n\tpath /var/lib/vz\n", source.Tree.Get("etc/pve/storage.cfg")!.Text);
        Assert.Empty(source.Tree.SourceDiagnostics);
    }
}
