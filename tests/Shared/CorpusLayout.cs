namespace PveLint.Tests;

/// <summary>
/// The shared corpus as scan-root files: which corpus files are configuration or dumps, and where each one belongs.
/// Left out: Ceph's binary maps (bin/, which are PVE0010 by design: decompile them first), the lab's shell scripts
/// (tools/) and the READMEs.
/// </summary>
internal static class CorpusLayout
{
    /// <summary>Corpus-relative paths ('pve/...', 'ceph/...') of every configuration file and dump.</summary>
    public static IEnumerable<string> Files()
    {
        foreach (var file in Directory.EnumerateFiles(TestPaths.Corpus, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(TestPaths.Corpus, file).Replace('\\', '/');
            if (relative.StartsWith("ceph/bin/", StringComparison.Ordinal) || relative.StartsWith("ceph/tools/", StringComparison.Ordinal)) continue;
            if (Path.GetFileName(relative) is "SOURCES.md" or "README.md" or "README.txt") continue;
            yield return relative;
        }
    }

    /// <summary>Where a corpus file sits in a scan root, from its name and folder.</summary>
    public static string LogicalPath(string relative)
    {
        var name = Path.GetFileName(relative);
        if (relative.StartsWith("ceph/", StringComparison.Ordinal)) return "ceph/" + name;
        if (name == "corosync.conf" || relative.Contains("/corosync_configs/", StringComparison.Ordinal)) return "etc/pve/corosync.conf";
        if (name == "ceph.conf") return "etc/pve/ceph.conf";
        if (name == "pve-ha-manager") return "etc/default/pve-ha-manager";
        if (name is "storage.cfg" or "datacenter.cfg" or "replication.cfg") return "etc/pve/" + name;
        if (name is "resources.cfg" or "ha-resources.cfg") return "etc/pve/ha/resources.cfg";
        if (name is "groups.cfg" or "groups") return "etc/pve/ha/groups.cfg";
        if (name is "rules.cfg" or "rules_config" || relative.Contains("/rules_cfgs/", StringComparison.Ordinal)) return "etc/pve/ha/rules.cfg";
        if (name.EndsWith(".conf", StringComparison.Ordinal))
        {
            var lxc = relative.Contains("/lxc/", StringComparison.Ordinal) || relative.Contains("pct-example", StringComparison.Ordinal);
            var id = int.TryParse(Path.GetFileNameWithoutExtension(name), out var n) ? n : 999;
            return $"etc/pve/nodes/pve1/{(lxc ? "lxc" : "qemu-server")}/{id}.conf";
        }
        throw new InvalidOperationException($"corpus file {relative} has no place in the scan-root layout; teach CorpusLayout where it goes");
    }
}
