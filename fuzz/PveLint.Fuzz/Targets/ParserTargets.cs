using PveLint.Binding;
using PveLint.Ceph;
using PveLint.Ceph.Crush;
using PveLint.Corosync;
using PveLint.Datacenter;
using PveLint.Fuzz.Oracles;
using PveLint.Guests;
using PveLint.HighAvailability;
using PveLint.LinterConfiguration;
using PveLint.Model;
using PveLint.SectionConfig;
using PveLint.Text;
using PveLint.Watchdog;

namespace PveLint.Fuzz.Targets;

/// <summary>
/// One target per parser: the input is the text of one file at its scan-root path, read by the reader the binder
/// uses for that path. Oracle: no exception, and every diagnostic's span inside the file.
/// </summary>
internal static class ParserTargets
{
    public static IEnumerable<FuzzTarget> All =>
    [
        Reader("corosync", "etc/pve/corosync.conf", (f, c) => CorosyncReader.Read(f, c)),
        Reader("storage", "etc/pve/storage.cfg", (f, c) => StorageReader.Read(f, c)),
        Reader("replication", "etc/pve/replication.cfg", (f, c) => ReplicationReader.Read(f, c)),
        Reader("ha-resources", "etc/pve/ha/resources.cfg", (f, c) => HaConfigReader.ReadResources(f, c)),
        Reader("ha-groups", "etc/pve/ha/groups.cfg", (f, c) => HaConfigReader.ReadGroups(f, c)),
        Reader("ha-rules", "etc/pve/ha/rules.cfg", (f, c) => HaConfigReader.ReadRules(f, c)),
        Reader("datacenter", "etc/pve/datacenter.cfg", (f, c) => DatacenterReader.Read(f, c)),
        Reader("qemu", "etc/pve/nodes/pve1/qemu-server/100.conf", (f, c) => GuestConfigReader.Read(f, GuestKind.Qemu, "pve1", 100, c)),
        Reader("lxc", "etc/pve/nodes/pve1/lxc/101.conf", (f, c) => GuestConfigReader.Read(f, GuestKind.Lxc, "pve1", 101, c)),
        Reader("watchdog", "hosts/pve1/etc/default/pve-ha-manager", (f, c) => WatchdogFileReader.Read(f, "pve1", c)),
        Reader("ceph-conf", "etc/pve/ceph.conf", (f, c) => CephConfReader.Read(f, c)),
        // The text map directly, so mutants that no longer look like a CRUSH map still reach its parser.
        Reader("crush-text", "ceph/crush.txt", (f, c) => CrushTextBinder.Bind(CrushTextParser.Parse(f), c)),
        // Everything else under ceph/ goes through the recogniser: JSON dumps (crush, mon, osd, tree, health, quorum) and text dumps.
        Reader("ceph-dump", "ceph/dump.json", (f, c) => CephDumpReader.Read([f], c)),
        Reader("manager-status", "etc/pve/ha/manager_status", (f, c) => ManagerStatusReader.Read(f, c)),
        Reader("linter-config", ".pvelint.yaml", (f, c) => LinterConfigReader.Read(f, c)),
    ];

    private static FuzzTarget Reader(string name, string path, Action<SourceFile, BindContext> read) =>
        new(name, $"{path} through its reader", input =>
        {
            var file = new SourceFile(path, FuzzInput.Text(input));
            var context = new BindContext(FuzzInput.Release(input));
            read(file, context);
            SpanOracle.CheckDiagnostics(context.Diagnostics, file);
        });
}
