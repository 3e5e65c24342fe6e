using Linter.Cli.Tests.Support;
using PveLint.Cli.Scanning;
using PveLint.Cli.Sources;
using PveLint.Rules.Engine;
using PveLint.Tests;

namespace Linter.Cli.Tests.Sources;

/// <summary>The same cluster as a directory, a tar.gz, a plain tar and a config.db yields the same findings.</summary>
public sealed class SourceEquivalenceTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static readonly (string Target, string[] Corpus)[] ClusterFiles =
    [
        ("corosync.conf", ["proxmox-pve-docs", "pvecm-3node-2links", "corosync.conf"]),
        ("datacenter.cfg", ["proxmox-pve-docs", "ha-manager-crs", "datacenter.cfg"]),
        ("storage.cfg", ["proxmox-pve-docs", "pve-storage-rbd", "storage.cfg"]),
        ("ha/resources.cfg", ["proxmox-pve-docs", "ha-manager-resources", "resources.cfg"]),
        ("ha/rules.cfg", ["proxmox-pve-docs", "ha-manager-node-affinity", "rules.cfg"]),
        ("nodes/uno/qemu-server/100.conf", ["proxmox-pve-docs", "qm-example", "100.conf"]),
        ("nodes/due/lxc/107.conf", ["proxmox-pve-docs", "pct-example", "107.conf"]),
    ];

    private const string LinterConfig = "target: pve-9.1\n";

    /// <summary>Builds the cluster from shared corpus files (read in place, copied only into the temp dir).</summary>
    private string BuildDirectory()
    {
        var root = _tree.CreateDirectory("dir");
        foreach (var (target, corpus) in ClusterFiles)
            _tree.WriteBytes($"dir/etc/pve/{target}", File.ReadAllBytes(Path.Combine([TestPaths.PveCorpus, .. corpus])));
        _tree.Write("dir/etc/pve/user.cfg", PinnedCluster.UserCfg);
        _tree.Write("dir/.pvelint.yaml", LinterConfig);
        return root;
    }

    private static List<(string Id, string? Path, int? Line, int? Column, string Message)> Findings(string path, string repoRoot)
    {
        var settings = new ScanSettings(null, null, null, SourceLimits.Default, RuleRegistry.All);
        var scan = ScanRunner.Scan(path, repoRoot, settings);
        return scan.Result.Findings.Select(f => (f.RuleId, f.Span?.Path, f.Span?.Line, f.Span?.Column, f.Message)).ToList();
    }

    [SharedFact]
    public void Directory_tar_gz_tar_and_config_db_yield_identical_findings()
    {
        var directory = BuildDirectory();
        var pve = Path.Combine(directory, "etc", "pve");

        var tgz = _tree.PathOf("tgz/backup.tgz");
        _tree.Write("tgz/.pvelint.yaml", LinterConfig);
        Archives.FromDirectory(pve, tgz, "./");

        var tar = _tree.PathOf("tar/backup.tar");
        _tree.Write("tar/.pvelint.yaml", LinterConfig);
        Archives.FromDirectory(pve, tar, "etc/pve/", gzip: false);

        var db = _tree.PathOf("db/config.db");
        _tree.Write("db/.pvelint.yaml", LinterConfig);
        ConfigDbBuilder.Create(db, ConfigDbBuilder.RowsFromDirectory(pve));

        var expected = Findings(directory, directory);
        Assert.Contains(("PVE9002", "etc/pve/user.cfg", 1, 29, "'PVE9999' in a suppression comment is not a pvelint rule id or name"), expected);
        Assert.DoesNotContain(expected, f => f.Id == "PVE0010");

        Assert.Equal(expected, Findings(tgz, Path.GetDirectoryName(tgz)!));
        Assert.Equal(expected, Findings(tar, Path.GetDirectoryName(tar)!));
        Assert.Equal(expected, Findings(db, Path.GetDirectoryName(db)!));
    }

    [SharedFact]
    public void Every_source_kind_sees_the_same_logical_files()
    {
        var directory = BuildDirectory();
        var pve = Path.Combine(directory, "etc", "pve");
        var tgz = _tree.PathOf("tgz/backup.tgz");
        _tree.Write("tgz/.pvelint.yaml", LinterConfig);
        Archives.FromDirectory(pve, tgz);
        var db = _tree.PathOf("db/config.db");
        _tree.Write("db/.pvelint.yaml", LinterConfig);
        ConfigDbBuilder.Create(db, ConfigDbBuilder.RowsFromDirectory(pve));

        string[] Files(string path) => SourceLoader.Load(path, Path.GetDirectoryName(path)!, SourceLimits.Default)
            .Tree.Files.Select(f => $"{f.Path}:{f.Text.Length}").ToArray();

        var expected = SourceLoader.Load(directory, directory, SourceLimits.Default).Tree.Files.Select(f => $"{f.Path}:{f.Text.Length}").ToArray();
        Assert.Equal(ClusterFiles.Length + 2, expected.Length);
        Assert.Equal(expected, Files(tgz));
        Assert.Equal(expected, Files(db));
    }
}
