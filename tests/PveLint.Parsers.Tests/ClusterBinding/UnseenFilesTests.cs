using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Sources;

namespace PveLint.Parsers.Tests.ClusterBinding;

/// <summary>
/// Issue 13, defects 4 and 5: files the scan did not see (ignore-paths, unreadable, a read a limit cut short) are
/// unknown, not absent, so names defined in them are not PVE0008.
/// </summary>
public class UnseenFilesTests
{
    private const string Corosync = "nodelist {\n  node {\n    name: pve01\n    nodeid: 1\n    ring0_addr: 10.0.0.1\n  }\n  node {\n    name: pve02\n    nodeid: 2\n    ring0_addr: 10.0.0.2\n  }\n}\n";

    private static Dictionary<string, string> Cluster(string? linterConfig = null)
    {
        var files = new Dictionary<string, string>
        {
            ["etc/pve/corosync.conf"] = Corosync,
            ["etc/pve/ha/resources.cfg"] = "vm: 101\n\nvm: 102\n\nvm: 103\n",
            ["etc/pve/ha/rules.cfg"] = "resource-affinity: apart\n\tresources vm:101,vm:102,vm:104\n\taffinity negative\n",
            ["etc/pve/replication.cfg"] = "local: 102-0\n\ttarget pve01\n\tschedule */15\n",
            ["etc/pve/nodes/pve01/qemu-server/101.conf"] = "memory: 1024\n",
            ["etc/pve/nodes/pve02/qemu-server/102.conf"] = "memory: 1024\n",
        };
        if (linterConfig is not null) files[".pvelint.yaml"] = linterConfig;
        return files;
    }

    private static string[] Unresolved(ClusterModel model) =>
        model.Diagnostics.Where(d => d.Id == DiagnosticIds.UnresolvedReference).Select(d => d.Message).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Guests_of_an_ignored_node_are_unknown_not_missing()
    {
        var model = ClusterBinder.Bind(ConfigTree.FromTexts(Cluster("ignore-paths: [\"nodes/pve02/**\"]\nredundancy-groups:\n  pair: [vm:101, vm:102]\n")));

        Assert.Equal([101], model.Guests.Select(g => g.VmId));
        // vm:102 lives under the ignored node; vm:103 and vm:104 are on no visible node, but the ignored pve02
        // could hold any guest: all of them are unknown, none is missing.
        Assert.Equal([], Unresolved(model));
        Assert.True(model.Unseen.CouldHold("etc/pve/nodes/pve02/qemu-server/103.conf"));
        Assert.False(model.Unseen.CouldHold("etc/pve/nodes/pve01/qemu-server/103.conf"));
    }

    [Fact]
    public void Without_ignore_paths_the_same_names_are_missing()
    {
        var files = Cluster("redundancy-groups:\n  pair: [vm:101, vm:105]\n");
        files.Remove("etc/pve/nodes/pve02/qemu-server/102.conf");
        var model = ClusterBinder.Bind(ConfigTree.FromTexts(files));

        Assert.Equal([
            "HA resource 'vm:102' has no guest config under nodes/*/qemu-server/",
            "HA resource 'vm:103' has no guest config under nodes/*/qemu-server/",
            "HA rule 'apart' names resource 'vm:104', which is neither in ha/resources.cfg nor a guest of the cluster (did you mean 'vm:103'?)",
            "redundancy group 'pair' names 'vm:105', which is not a guest of the cluster",
            "replication job '102-0' is for guest 102, which has no config in the cluster",
        ], Unresolved(model));
    }

    [Fact]
    public void An_ignored_groups_file_is_not_a_missing_one()
    {
        var files = Cluster("ignore-paths: [\"ha/groups.cfg\"]\n");
        files["etc/pve/ha/resources.cfg"] = "vm: 101\n\tgroup prod\n";
        files["etc/pve/ha/groups.cfg"] = "group: prod\n\tnodes pve01\n";
        // The group is unknown; vm:104 is still missing (no file the scan skipped could define it).
        Assert.Equal(["HA rule 'apart' names resource 'vm:104', which is neither in ha/resources.cfg nor a guest of the cluster"],
            Unresolved(ClusterBinder.Bind(ConfigTree.FromTexts(files))));
    }

    [Fact]
    public void A_read_cut_short_by_a_limit_infers_nothing_missing()
    {
        var files = Cluster();
        files.Remove("etc/pve/nodes/pve02/qemu-server/102.conf");
        var cut = new Diagnostic(DiagnosticIds.UnreadableInput, "etc/pve/nodes/pve02/qemu-server: more than 10 entries; the rest was not read",
            PveLint.Text.SourceSpan.WholeFile("etc/pve/nodes/pve02/qemu-server"));
        var tree = new ConfigTree(ConfigTree.FromTexts(files).Files, [cut]) { ReadCutShort = true };

        var model = ClusterBinder.Bind(tree);

        Assert.Equal([], Unresolved(model));
        Assert.Equal("etc/pve/nodes/pve02/qemu-server", Assert.Single(model.Diagnostics, d => d.Id == DiagnosticIds.UnreadableInput).Span!.Value.Path);
    }

    [Fact]
    public void An_unreadable_guest_config_is_unknown_not_missing()
    {
        var files = Cluster();
        files["etc/pve/nodes/pve02/qemu-server/102.conf"] = "memory: 1\0\n";
        var messages = Unresolved(ClusterBinder.Bind(ConfigTree.FromTexts(files)));

        Assert.DoesNotContain(messages, m => m.Contains("'vm:102'") || m.Contains("guest 102"));
        Assert.Contains("HA resource 'vm:103' has no guest config under nodes/*/qemu-server/", messages);
    }
}
