using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Linter.Cli.Tests.Support;
using PveLint.Fuzz.Targets;

namespace PveLint.Fuzz;

/// <summary>
/// Writes the binary seeds (tar archives and config.db files) that cannot be written by hand, so that they can be
/// made again: <c>PveLint.Fuzz write-binary-seeds fuzz/seeds</c>. Every archive format the reader meets (v7, ustar,
/// GNU with a long name, PAX, gzip) and the entry kinds it refuses (links, devices, FIFOs, '..', absolute paths).
/// </summary>
internal static class BinarySeeds
{
    private const string Corosync = "totem {\n  cluster_name: lab\n  config_version: 2\n  version: 2\n}\nnodelist {\n  node {\n    name: pve1\n    nodeid: 1\n    ring0_addr: 10.0.0.1\n  }\n}\n";

    public static int Write(string seedsDirectory)
    {
        var tar = Directory.CreateDirectory(Path.Combine(seedsDirectory, "tar")).FullName;
        Archive(Path.Combine(tar, "pve-copy-ustar.tar"), TarEntryFormat.Ustar, gzip: false,
            File("corosync.conf", Corosync),
            File("ha/resources.cfg", "vm: 100\n\tstate started\n"),
            Entry(TarEntryType.Directory, "nodes/pve1/qemu-server/"),
            File("nodes/pve1/qemu-server/100.conf", "cores: 2\nmemory: 2048\n"),
            Link(TarEntryType.SymbolicLink, "local", "nodes/pve1"),
            File("priv/authkey.key", "SECRET"));
        Archive(Path.Combine(tar, "root-layout-pax.tar.gz"), TarEntryFormat.Pax, gzip: true,
            File("./etc/pve/corosync.conf", Corosync),
            File("etc/pve/storage.cfg", "dir: local\n\tpath /var/lib/vz\n"),
            File("hosts/pve1/etc/default/pve-ha-manager", "WATCHDOG_MODULE=softdog\n"),
            File("ceph/health.json", "{\"status\":\"HEALTH_OK\",\"checks\":{}}"),
            File(".pvelint.yaml", "target: pve-9.2\n"),
            File("etc/pve/nodes/pve1/lxc/101.conf", "arch: amd64\n"));
        Archive(Path.Combine(tar, "gnu-longname.tar"), TarEntryFormat.Gnu, gzip: false,
            File("pve/" + new string('n', 120) + ".cfg", "x"),
            File("pve/datacenter.cfg", "keyboard: de\n"),
            Link(TarEntryType.HardLink, "pve/dc-copy.cfg", "pve/datacenter.cfg"));
        Archive(Path.Combine(tar, "hostile-v7.tar"), TarEntryFormat.V7, gzip: false,
            File("../escape.cfg", "x"),
            File("/etc/passwd", "root:x:0:0"),
            File("ha\\..\\..\\up.cfg", "x"),
            File("corosync.conf", "totem {\n}\n"));
        Archive(Path.Combine(tar, "devices-ustar.tar"), TarEntryFormat.Ustar, gzip: false,
            Entry(TarEntryType.Fifo, "ha/rules.cfg"),
            Entry(TarEntryType.CharacterDevice, "datacenter.cfg"),
            File("corosync.conf", "\uFEFFtotem {\n}\n"));

        var configDb = Directory.CreateDirectory(Path.Combine(seedsDirectory, "configdb")).FullName;
        foreach (var rowsFile in Directory.EnumerateFiles(Path.Combine(seedsDirectory, "configdb-rows")))
        {
            var db = Path.Combine(configDb, Path.GetFileNameWithoutExtension(rowsFile) + ".db");
            System.IO.File.Delete(db);
            ConfigDbBuilder.Create(db, ConfigDbRows.Decode(System.IO.File.ReadAllText(rowsFile)));
        }
        return 0;
    }

    private static void Archive(string path, TarEntryFormat format, bool gzip, params (string Name, TarEntryType Type, string? Text, string? Link)[] entries)
    {
        using var file = System.IO.File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.SmallestSize) : file;
        using var writer = new TarWriter(stream, format, leaveOpen: true);
        foreach (var (name, type, text, link) in entries)
        {
            var actual = format == TarEntryFormat.V7 && type == TarEntryType.RegularFile ? TarEntryType.V7RegularFile : type;
            TarEntry entry = format switch
            {
                TarEntryFormat.V7 => new V7TarEntry(actual, name),
                TarEntryFormat.Ustar => new UstarTarEntry(actual, name),
                TarEntryFormat.Gnu => new GnuTarEntry(actual, name),
                _ => new PaxTarEntry(actual, name),
            };
            if (text is not null) entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text));
            if (link is not null) entry.LinkName = link;
            writer.WriteEntry(entry);
        }
    }

    private static (string, TarEntryType, string?, string?) File(string name, string text) => (name, TarEntryType.RegularFile, text, null);

    private static (string, TarEntryType, string?, string?) Entry(TarEntryType type, string name) => (name, type, null, null);

    private static (string, TarEntryType, string?, string?) Link(TarEntryType type, string name, string target) => (name, type, null, target);
}
