using System.Text.RegularExpressions;
using PveLint.Binding;
using PveLint.Model;

namespace PveLint.Parsers.Tests.ClusterBinding;

public class TreePathsTests
{
    [Theory]
    [InlineData("etc/pve/nodes/pve1/qemu-server/100.conf", "pve1", GuestKind.Qemu, 100)]
    [InlineData("etc/pve/nodes/pve-a 2/lxc/0101.conf", "pve-a 2", GuestKind.Lxc, 101)]
    [InlineData("etc/pve/qemu-server/7.conf", null, GuestKind.Qemu, 7)]
    [InlineData("etc/pve/lxc/2147483647.conf", null, GuestKind.Lxc, int.MaxValue)]
    public void Guest_configs_give_their_node_kind_and_vmid(string path, string? node, GuestKind kind, int vmid)
    {
        Assert.True(TreePaths.IsGuestConfig(path, out var actualNode, out var actualKind, out var actualVmid));
        Assert.Equal((node, kind, vmid), (actualNode, actualKind, actualVmid));
    }

    [Theory]
    [InlineData("etc/pve/nodes/qemu-server/100.conf")]
    [InlineData("etc/pve/nodes//qemu-server/100.conf")]
    [InlineData("etc/pve/nodes/pve1/openvz/100.conf")]
    [InlineData("etc/pve/nodes/pve1/qemu-server/100.conf.tmp")]
    [InlineData("etc/pve/nodes/pve1/qemu-server/.conf")]
    [InlineData("etc/pve/nodes/pve1/qemu-server/10a.conf")]
    [InlineData("etc/pve/nodes/pve1/qemu-server/-1.conf")]
    [InlineData("etc/pve/nodes/pve1/qemu-server/1\u0663.conf")]   // an Arabic-Indic digit
    [InlineData("etc/pve/lxc/2147483648.conf")]
    [InlineData("etc/pve/nodes/a/b/lxc/1.conf")]
    [InlineData("backup/etc/pve/lxc/1.conf")]
    public void Other_paths_are_not_guest_configs(string path) =>
        Assert.False(TreePaths.IsGuestConfig(path, out _, out _, out _));

    [Theory]
    [InlineData("hosts/pve1/etc/default/pve-ha-manager", "pve1")]
    [InlineData("hosts//etc/default/pve-ha-manager", null)]
    [InlineData("hosts/etc/default/pve-ha-manager", null)]
    [InlineData("hosts/a/b/etc/default/pve-ha-manager", null)]
    [InlineData("hosts/pve1/etc/default/pve-ha-manager.dpkg-old", null)]
    public void Watchdog_settings_give_their_node(string path, string? node) =>
        Assert.Equal(node, TreePaths.WatchdogSettingsNode(path));

    /// <summary>The regular expressions the binder used before, as the reference on random paths made of the parts that matter.</summary>
    [Fact]
    public void Agrees_with_the_regular_expressions_it_replaced_on_random_paths()
    {
        var guest = new Regex(@"^etc/pve/(?:nodes/(?<node>[^/]+)/)?(?<kind>qemu-server|lxc)/(?<id>\d+)\.conf\z", RegexOptions.CultureInvariant);
        var watchdog = new Regex(@"^hosts/(?<node>[^/]+)/etc/default/pve-ha-manager\z", RegexOptions.CultureInvariant);
        // Each path is a prefix, a node part, a directory, a name and a suffix, each drawn from shapes that match and
        // shapes that almost do (the first shape half the time), so that both answers are common.
        string[][] slots =
        [
            ["etc/pve/", "etc/pve", "hosts/", "etc/pve/nodes/", ""],
            ["nodes/pve1/", "nodes/", "nodes//", "pve1/", "nodes/a/b/", "", "pve1/etc/default/pve-ha-manager"],
            ["qemu-server/", "lxc/", "openvz/", "qemu-server", "/etc/default/pve-ha-manager", ""],
            ["1", "042", "99999999999", "1x", "\u0663", "", "-1"],
            [".conf", ".conf.tmp", "", ".CONF", "/etc/default/pve-ha-manager"],
        ];
        var random = new Random(14);
        var matched = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var path = string.Concat(slots.Select(slot => slot[random.Next(2) == 0 ? 0 : random.Next(slot.Length)]));
            var m = guest.Match(path);
            var expected = m.Success && int.TryParse(m.Groups["id"].Value, out var id)
                ? (true, m.Groups["node"].Success ? m.Groups["node"].Value : null, m.Groups["kind"].Value == "lxc" ? GuestKind.Lxc : GuestKind.Qemu, id)
                : (false, null, default, 0);
            var actual = TreePaths.IsGuestConfig(path, out var node, out var kind, out var vmid) ? (true, node, kind, vmid) : (false, null, default(GuestKind), 0);
            if (actual.Item1) matched++;
            Assert.True(expected == actual, $"{path}: expected {expected}, got {actual}");
            var w = watchdog.Match(path);
            Assert.Equal(w.Success ? w.Groups["node"].Value : null, TreePaths.WatchdogSettingsNode(path));
            if (w.Success) matched++;
        }
        Assert.InRange(matched, 500, 19_000);
    }
}
