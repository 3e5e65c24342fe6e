using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Sources;
using PveLint.Text;

namespace PveLint.Binding;

/// <summary>
/// Names that point nowhere across files (PVE0008): rule and group nodes, rule resources, resources without a
/// guest, <c>group</c> naming no group, disks on unknown storages, replication targets, per-host files and
/// .pvelint.yaml names. Each check runs only when the file that would define the name was scanned. A name one or
/// two typos away from a known one gets "(did you mean 'pve2'?)" at the end of the message; a resource the same
/// rule or group already lists is never the suggestion (vm:101 beside vm:100 is another guest, not a typo).
/// </summary>
public static class ReferenceResolver
{
    private const string HaResourcesPath = ConfigTree.PvePrefix + "ha/resources.cfg";
    private const string HaGroupsPath = ConfigTree.PvePrefix + "ha/groups.cfg";

    /// <summary>The guest id of a <c>vm:101</c> / <c>ct:102</c> sid, else null.</summary>
    private static int? GuestIdOf(string sid) =>
        sid.Split(':') is [("vm" or "ct"), var id] && int.TryParse(id, out var vmid) ? vmid : null;

    public static IEnumerable<Diagnostic> Resolve(ClusterModel model, bool storageFilePresent)
    {
        var nodes = model.NodeNames.ToHashSet(StringComparer.Ordinal);
        var knowNodes = model.Corosync is { Nodes.Length: > 0 };
        // Sized up front: tens of thousands of resources and guests in a large cluster.
        var resources = new HashSet<string>(model.Ha.Resources.Length, StringComparer.Ordinal);
        foreach (var resource in model.Ha.Resources) resources.Add(resource.Sid);
        var guestsScanned = model.Guests.Length > 0;
        var guestSids = new HashSet<string>(model.Guests.Length, StringComparer.Ordinal);
        var guestIds = new HashSet<int>(model.Guests.Length);
        foreach (var guest in model.Guests)
        {
            guestSids.Add(guest.Sid);
            guestIds.Add(guest.VmId);
        }
        // Names whose definition could be in a file the scan did not see are unknown, not missing.
        var unseen = model.Unseen;
        bool GuestKnownAbsent(int vmid) => !guestIds.Contains(vmid) && !unseen.CouldHoldGuest(vmid, model.NodeNames);
        bool SidKnownAbsent(string sid) => !guestSids.Contains(sid) && !(GuestIdOf(sid) is { } id && unseen.CouldHoldGuest(id, model.NodeNames));

        Diagnostic Unresolved(SourceSpan span, string message) => Diagnostic.At(DiagnosticIds.UnresolvedReference, span, message);

        if (knowNodes)
        {
            foreach (var rule in model.Ha.Rules)
                foreach (var n in rule.Nodes.Where(n => !nodes.Contains(n.Node.Value)))
                    yield return Unresolved(n.Node.Span, $"HA rule '{rule.Id.Value}' names node '{n.Node.Value}', which is not in corosync.conf{EditDistance.DidYouMean(n.Node.Value, nodes)}");
            foreach (var group in model.Ha.Groups)
                foreach (var n in group.Nodes.Where(n => !nodes.Contains(n.Node.Value)))
                    yield return Unresolved(n.Node.Span, $"HA group '{group.Id.Value}' names node '{n.Node.Value}', which is not in corosync.conf{EditDistance.DidYouMean(n.Node.Value, nodes)}");
            foreach (var job in model.Replication.Where(j => j.Target is not null && !nodes.Contains(j.Target.Value)))
                yield return Unresolved(job.Target!.Span, $"replication job '{job.Id.Value}' targets node '{job.Target!.Value}', which is not in corosync.conf{EditDistance.DidYouMean(job.Target!.Value, nodes)}");
            foreach (var (node, watchdog) in model.NodeWatchdogs.Where(kv => !nodes.Contains(kv.Key)))
                yield return Unresolved(SourceSpan.WholeFile(watchdog.Path), $"watchdog settings for host '{node}', which is not a node in corosync.conf{EditDistance.DidYouMean(node, nodes)}");
            foreach (var site in model.Config.Sites)
                foreach (var n in site.Nodes.Where(n => !nodes.Contains(n.Value)))
                    yield return Unresolved(n.Span, $"site '{site.Name.Value}' lists node '{n.Value}', which is not in corosync.conf{EditDistance.DidYouMean(n.Value, nodes)}");
        }

        foreach (var rule in model.Ha.Rules)
            foreach (var r in rule.Resources)
                if (!resources.Contains(r.Value) && !unseen.CouldHold(HaResourcesPath) && SidKnownAbsent(r.Value))
                    yield return Unresolved(r.Span, $"HA rule '{rule.Id.Value}' names resource '{r.Value}', which is neither in ha/resources.cfg nor a guest of the cluster{EditDistance.DidYouMean(r.Value, resources.Concat(guestSids).Except(rule.Resources.Select(x => x.Value)))}");

        if (guestsScanned)
        {
            foreach (var res in model.Ha.Resources.Where(r => r.Type is "vm" or "ct" && r.GuestId is { } id && GuestKnownAbsent(id)))
                yield return Unresolved(res.Section.Id.Span, $"HA resource '{res.Sid}' has no guest config under nodes/*/{(res.Type == "vm" ? "qemu-server" : "lxc")}/");
            foreach (var job in model.Replication.Where(j => GuestKnownAbsent(j.GuestId)))
                yield return Unresolved(job.Id.Span, $"replication job '{job.Id.Value}' is for guest {job.GuestId}, which has no config in the cluster");
            foreach (var group in model.Config.RedundancyGroups)
                foreach (var m in group.Members.Where(m => SidKnownAbsent(m.Value)))
                    yield return Unresolved(m.Span, $"redundancy group '{group.Name.Value}' names '{m.Value}', which is not a guest of the cluster{EditDistance.DidYouMean(m.Value, guestSids.Except(group.Members.Select(x => x.Value)))}");
        }

        if (model.Ha.GroupsFilePresent)
        {
            var groups = model.Ha.Groups.Select(g => g.Id.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var res in model.Ha.Resources.Where(r => r.Group is not null && !groups.Contains(r.Group.Value)))
                yield return Unresolved(res.Group!.Span, $"HA resource '{res.Sid}' names group '{res.Group!.Value}', which is not in ha/groups.cfg{EditDistance.DidYouMean(res.Group!.Value, groups)}");
        }
        else if (!unseen.CouldHold(HaGroupsPath))
        {
            foreach (var res in model.Ha.Resources.Where(r => r.Group is not null))
                yield return Unresolved(res.Group!.Span, $"HA resource '{res.Sid}' names group '{res.Group!.Value}', but there is no ha/groups.cfg");
        }

        if (storageFilePresent)
        {
            var storages = model.Storages.Select(s => s.Id.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var guest in model.Guests)
                foreach (var disk in guest.Disks)
                    if (disk.StorageId is not null && !storages.Contains(disk.StorageId))
                        yield return Unresolved(disk.Value.Span, $"{(guest.Kind == GuestKind.Qemu ? "VM" : "container")} {guest.VmId} on node '{guest.Node}': '{disk.Key.Value}' uses storage '{disk.StorageId}', which is not in storage.cfg{EditDistance.DidYouMean(disk.StorageId!, storages)}");
        }
    }
}
