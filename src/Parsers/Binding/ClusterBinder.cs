using System.Collections.Immutable;
using PveLint.Ceph;
using PveLint.Corosync;
using PveLint.Datacenter;
using PveLint.Diagnostics;
using PveLint.Guests;
using PveLint.HighAvailability;
using PveLint.LinterConfiguration;
using PveLint.Mappings;
using PveLint.Model;
using PveLint.SectionConfig;
using PveLint.Sources;
using PveLint.Text;
using PveLint.Watchdog;

namespace PveLint.Binding;

/// <summary>
/// Turns a <see cref="ConfigTree"/> into one <see cref="ClusterModel"/>: finds each file of the scan-root layout,
/// hands it to its reader, derives sites, and resolves names across files (PVE0008).
/// </summary>
public static class ClusterBinder
{
    private const string Pve = ConfigTree.PvePrefix;

    /// <param name="tree">The files of one cluster.</param>
    /// <param name="target">The PVE release from the command line (<c>--target</c>); it overrides <c>target:</c> of .pvelint.yaml.</param>
    public static ClusterModel Bind(ConfigTree tree, TargetRelease? target = null)
    {
        var sources = new Dictionary<string, SourceFile>(tree.Files is ICollection<ConfigFile> files ? files.Count : 0, StringComparer.Ordinal);
        var unreadable = new List<Diagnostic>(tree.SourceDiagnostics);
        foreach (var file in tree.Files)
        {
            if (IsSecret(file.Path)) continue;
            var problem = UnreadableReason(file);
            if (problem is not null)
            {
                unreadable.Add(Diagnostic.At(DiagnosticIds.UnreadableInput, SourceSpan.WholeFile(file.Path), $"{file.DisplayPath}: {problem}"));
                continue;
            }
            sources[file.Path] = new SourceFile(file.Path, file.Text);
        }

        // The linter config decides the target release, so it is read first.
        var configContext = new BindContext(sources: sources);
        var config = sources.TryGetValue(".pvelint.yaml", out var yaml)
            ? LinterConfigReader.Read(yaml, configContext)
            : LinterConfig.Empty;
        if (target is { } forced)
            config = config with { Target = new Located<TargetRelease>(forced, config.Target?.Span ?? SourceSpan.WholeFile(config.Path ?? ".pvelint.yaml")) };
        var context = new BindContext(config.TargetRelease, sources);
        context.ReportAll(unreadable);
        context.ReportAll(configContext.Diagnostics);

        var ignored = IgnoreMatcher.Create(config.IgnorePaths);
        SourceFile? Get(string path) => sources.TryGetValue(path, out var f) && !ignored(path) ? f : null;
        var unread = unreadable.Select(d => d.Span?.Path).OfType<string>().Where(p => !sources.ContainsKey(p)).ToHashSet(StringComparer.Ordinal);
        var unseen = new UnseenFiles(ignored, unread, tree.ReadCutShort);

        var corosync = Get(Pve + "corosync.conf") is { } cc ? CorosyncReader.Read(cc, context) : null;
        // The large files are read while the guest configs are; every reader after corosync.conf records its
        // diagnostics, and they are handed over below in the order the files were always read in.
        var release = context.Target;
        var replicationRead = DeferredRead<ImmutableArray<ReplicationJob>>.Start(release, r => Get(Pve + "replication.cfg") is { } rc ? ReplicationReader.Read(rc, r) : []);
        var resourcesRead = DeferredRead<ImmutableArray<HaResource>>.Start(release, r => Get(Pve + "ha/resources.cfg") is { } res ? HaConfigReader.ReadResources(res, r) : []);
        var rulesRead = DeferredRead<(ImmutableArray<HaRule> Rules, ImmutableArray<SectionEntry> Broken)>.Start(release,
            r => Get(Pve + "ha/rules.cfg") is { } rules ? HaConfigReader.ReadRulesFile(rules, r) : ([], []));
        var nodeNames = NodeNames(corosync, sources.Keys);
        var guestRecorder = BindContext.Recorder(release);
        var guests = ReadGuests(sources.Keys.Where(p => !ignored(p)), sources, nodeNames, guestRecorder);

        var datacenter = Get(Pve + "datacenter.cfg") is { } dc ? DatacenterReader.Read(dc, context) : null;
        var storageFile = Get(Pve + "storage.cfg");
        var storages = StorageReader.Read(storageFile, context);
        var replication = replicationRead.Join(context);

        var groupsFile = Get(Pve + "ha/groups.cfg");
        var haResources = resourcesRead.Join(context);
        var haGroups = groupsFile is not null ? HaConfigReader.ReadGroups(groupsFile, context) : [];
        var haRules = rulesRead.Join(context);
        var ha = new HaModel(
            haResources,
            haGroups,
            haRules.Rules,
            Get(Pve + "ha/manager_status") is { } ms ? ManagerStatusReader.Read(ms, context) : null,
            groupsFile is not null,
            // An unseen fence.cfg may exist: only a file known to be absent is "missing" (PVE4005).
            sources.ContainsKey(Pve + "ha/fence.cfg") || unseen.CouldHold(Pve + "ha/fence.cfg")) { BrokenRules = haRules.Broken };
        context.ReportAll(guestRecorder.Recorded);

        var defaultWatchdog = Get("etc/default/pve-ha-manager") is { } dw ? WatchdogFileReader.Read(dw, null, context) : null;
        var nodeWatchdogs = ImmutableDictionary.CreateBuilder<string, WatchdogSettings>(StringComparer.Ordinal);
        var watchdogFiles = sources.Keys.Select(p => (Path: p, Node: TreePaths.WatchdogSettingsNode(p)))
            .Where(f => f.Node is not null && !ignored(f.Path)).OrderBy(f => f.Path, StringComparer.Ordinal);
        foreach (var (path, node) in watchdogFiles)
            nodeWatchdogs[node!] = WatchdogFileReader.Read(sources[path], node, context);

        var cephFiles = sources.Keys.Where(p => p.StartsWith("ceph/", StringComparison.Ordinal) && !ignored(p))
            .Order(StringComparer.Ordinal).Select(p => sources[p]).ToList();
        var ceph = CephDumpReader.Read(cephFiles, context);
        if (Get(Pve + "ceph.conf") is { } cephConf) ceph = ceph with { Conf = CephConfReader.Read(cephConf, context) };

        var pciMappings = Get(Pve + "mapping/pci.cfg");
        var usbMappings = Get(Pve + "mapping/usb.cfg");
        var mappings = new ResourceMappings(
            pciMappings is null ? [] : ResourceMappingReader.Read(pciMappings, "pci", context),
            usbMappings is null ? [] : ResourceMappingReader.Read(usbMappings, "usb", context),
            pciMappings is not null, usbMappings is not null);

        var sites = SiteDerivation.Derive(config, ceph, nodeNames);
        var model = new ClusterModel(
            config, corosync, datacenter, ha, storages, replication, guests,
            defaultWatchdog, nodeWatchdogs.ToImmutable(), ceph, sites, config.Latencies, nodeNames,
            ImmutableArray<Diagnostic>.Empty,
            sources.AsReadOnly()) { Mappings = mappings, Unseen = unseen }; // not copied: nothing changes it after binding

        model = BackupBinding.Bind(model, Get, context);
        context.ReportAll(ReferenceResolver.Resolve(model, storageFile is not null));
        return model with { Diagnostics = context.Diagnostics.ToImmutableArray() };
    }

    /// <summary>
    /// priv/ and *.key files (e.g. /etc/pve/pve-www.key) hold keys and passwords: never read, never printed.
    /// Public so that sources can skip them before reading their bytes.
    /// </summary>
    public static bool IsSecret(string path) =>
        path.StartsWith(Pve + "priv/", StringComparison.Ordinal) ||
        (path.StartsWith(Pve, StringComparison.Ordinal) && path.EndsWith(".key", StringComparison.Ordinal)) ||
        (path.StartsWith(Pve + "nodes/", StringComparison.Ordinal) && path.Contains("/priv/", StringComparison.Ordinal));

    private static string? UnreadableReason(ConfigFile file)
    {
        if (file.Text.Length > ConfigTree.MaxFileBytes) return $"file is larger than {ConfigTree.MaxFileBytes / (1024 * 1024)} MiB and was not read";
        if (file.Text.Contains('\0')) return "file holds binary data (NUL bytes) and was not read as text";
        return null;
    }

    private static ImmutableArray<string> NodeNames(CorosyncModel? corosync, IEnumerable<string> paths)
    {
        if (corosync is not null && corosync.Nodes.Length > 0)
            return corosync.Nodes.Select(n => n.Name.Value).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToImmutableArray();
        return paths.Select(p => p.StartsWith(Pve + "nodes/", StringComparison.Ordinal) ? p[(Pve.Length + 6)..].Split('/')[0] : null)
            .OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
    }

    private static ImmutableArray<Guest> ReadGuests(IEnumerable<string> paths, IReadOnlyDictionary<string, SourceFile> sources, ImmutableArray<string> nodeNames, BindContext context)
    {
        // Which files are guests is decided in order (the first of a duplicate VMID wins); reading them is not.
        var work = new List<(SourceFile File, GuestKind Kind, string Node, int Vmid, Diagnostic? Duplicate)>(sources.Count); // nearly every file of a large tree is a guest
        var seen = new Dictionary<int, string>(sources.Count);
        // nodes/<node>/... first, then the 'local' symlink views (qemu-server/ at the root) of a live copy.
        var ordered = new List<string>(sources.Count);
        ordered.AddRange(paths);
        ordered.Sort(static (a, b) => IsUnderNodes(a).CompareTo(IsUnderNodes(b)) is var byPlace and not 0 ? -byPlace : string.CompareOrdinal(a, b));
        foreach (var path in ordered)
        {
            if (!TreePaths.IsGuestConfig(path, out var pathNode, out var kind, out var vmid)) continue;
            var viaSymlink = pathNode is null;
            if (seen.TryGetValue(vmid, out var first))
            {
                if (!viaSymlink)
                    work.Add((sources[path], default, "", vmid, Diagnostic.At(DiagnosticIds.DuplicateSection, SourceSpan.WholeFile(path),
                        $"guest {vmid} is configured twice ({first} and {path}); pmxcfs reports 'detected duplicate VMID {vmid}'")));
                continue;
            }
            seen[vmid] = path;
            var node = pathNode ?? (nodeNames.Length == 1 ? nodeNames[0] : "localhost");
            work.Add((sources[path], kind, node, vmid, null));
        }

        // Guest configs are independent: read them on every core when there are enough to pay for it, each with
        // its own recorder, then hand the diagnostics over in file order, so the output is the same as one by one.
        var guestsRead = new Guest?[work.Count];
        var diagnosticsRead = new IReadOnlyList<Diagnostic>?[work.Count];
        // One recorder per worker, emptied after each guest (most guests report nothing).
        BindContext ReadOne(int i, BindContext recorder)
        {
            var (file, kind, node, vmid, duplicate) = work[i];
            if (duplicate is not null) return recorder;
            guestsRead[i] = GuestConfigReader.Read(file, kind, node, vmid, recorder);
            diagnosticsRead[i] = recorder.TakeRecorded();
            return recorder;
        }
        if (work.Count >= ParallelGuestThreshold)
            Parallel.For(0, work.Count, () => BindContext.Recorder(context.Target), (i, _, recorder) => ReadOne(i, recorder), _ => { });
        else
        {
            var recorder = BindContext.Recorder(context.Target);
            for (var i = 0; i < work.Count; i++) ReadOne(i, recorder);
        }

        var guests = ImmutableArray.CreateBuilder<Guest>(work.Count);
        for (var i = 0; i < work.Count; i++)
        {
            if (work[i].Duplicate is { } duplicate)
            {
                context.Report(duplicate);
                continue;
            }
            if (diagnosticsRead[i] is { } diagnostics) context.ReportAll(diagnostics);
            guests.Add(guestsRead[i]!);
        }
        return guests.ToImmutable();
    }

    private static bool IsUnderNodes(string path) => path.StartsWith(Pve + "nodes/", StringComparison.Ordinal);

    /// <summary>Below this many guest configs, starting worker threads costs more than it saves.</summary>
    private const int ParallelGuestThreshold = 64;
}
