using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Sources;
using PveLint.Tests;

namespace PveLint.Parsers.Tests.CorpusSweep;

/// <summary>
/// Every configuration file and Ceph dump of the shared corpus, put where it belongs in a scan root and read
/// through the whole binder: no exception, no PVE0010 (unreadable) and no PVE0001 (syntax). The per-format tests
/// assert the concrete model facts of each file; this sweep makes sure no corpus file is left out.
/// Not swept: Ceph's binary maps (bin/, which are PVE0010 by design: decompile them first), the lab's shell scripts
/// (tools/) and the READMEs.
/// </summary>
public class CorpusSweepTests
{
    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.Corpus, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(TestPaths.Corpus, file).Replace('\\', '/');
            if (relative.StartsWith("ceph/bin/", StringComparison.Ordinal) || relative.StartsWith("ceph/tools/", StringComparison.Ordinal)) continue;
            if (Path.GetFileName(relative) is "SOURCES.md" or "README.md" or "README.txt") continue;
            data.Add(relative);
        }
        return data;
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
        throw new InvalidOperationException($"corpus file {relative} has no place in the scan-root layout; teach the sweep where it goes");
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Corpus_file_is_read_without_PVE0010_or_PVE0001(string relative)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Corpus, relative));
        var logical = LogicalPath(relative);
        var model = ClusterBinder.Bind(new ConfigTree([new ConfigFile(logical, text, relative)]));

        var problems = model.Diagnostics.Where(d => d.Id is DiagnosticIds.UnreadableInput or DiagnosticIds.SyntaxError)
            .Select(d => $"{d.Id} {d.Span}: {d.Message}").ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_sweep_covers_both_corpora()
    {
        var files = ((IEnumerable<object[]>)CorpusFiles()).Select(row => (string)row[0]).ToList();
        Assert.Contains(files, f => f.StartsWith("pve/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("ceph/", StringComparison.Ordinal));
        Assert.True(files.Count > 150, $"only {files.Count} corpus files found under {TestPaths.Corpus}");
    }
}
