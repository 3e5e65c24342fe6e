using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Guests;

/// <summary>
/// qemu-server and lxc guest configs: parses the file (<see cref="GuestConfigParser"/>) and binds the current config
/// into a <see cref="Guest"/>. Disks come from the current config; volumes that only a snapshot or the pending
/// section references are added once, with <see cref="GuestDisk.Section"/> set to the snapshot name or "pending"
/// (qemu-server <c>foreach_volid</c> migrates those too). Devices come from the current config only.
/// Unknown keys are not reported: the qemu schema has hundreds of keys that change between releases, so only the
/// key families the linter models (disks, devices, raw lxc.* keys) are checked.
/// </summary>
public static class GuestConfigReader
{
    public static Guest Read(SourceFile file, GuestKind kind, string node, int vmid, BindContext context)
    {
        var syntax = GuestConfigParser.Parse(file, kind, vmid);
        context.ReportAll(syntax.Diagnostics);
        return Bind(file, syntax, node, context);
    }

    public static Guest Bind(SourceFile file, GuestConfigSyntax syntax, string node, BindContext context)
    {
        var (kind, vmid) = (syntax.Kind, syntax.VmId);
        var main = syntax.Main;
        var current = main.Effective;

        var properties = new GuestProperties(current, main.Description);

        var tags = ImmutableArray<Located<string>>.Empty;
        if (properties.TryGetValue("tags", out var tagValue))
        {
            tags = GuestTags.Split(file, tagValue, out var invalid);
            foreach (var tag in invalid ?? [])
                context.Report(DiagnosticIds.InvalidValue, tag.Span,
                    $"Tag '{GuestText.Excerpt(tag.Value)}' of {GuestText.Describe(kind, vmid)} has characters outside [a-z0-9_+.-] or does not start with a letter, digit or '_'" +
                    (kind == GuestKind.Qemu ? ", so qemu-server drops the whole 'tags' line." : "; pve-container keeps it but the API refuses it."));
            // qemu-server drops the key when the format check fails; pve-container stores the value anyway.
            if (kind == GuestKind.Qemu && invalid is not null) tags = [];
        }

        var disks = ImmutableArray.CreateBuilder<GuestDisk>();
        // Volumes of the current config, so a snapshot's or pending's reference to the same volume is not added again.
        var seenVolumes = syntax.Sections.Length > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        void Report(string id, SourceSpan span, string message) => context.Report(id, span, message);
        foreach (var (section, label) in VolumeSections(syntax))
        {
            foreach (var (key, entry) in DisksInLineOrder(kind, section.Effective))
            {
                if (GuestDisks.Read(file, kind, vmid, key, entry, label, Report) is not { } disk) continue;
                var identity = seenVolumes is null || disk.Kind is DiskKind.None or DiskKind.HostCdrom ? null : $"{disk.StorageId}:{disk.Volume}";
                if (label is null)
                {
                    if (identity is not null) seenVolumes!.Add(identity);
                    disks.Add(disk);
                }
                else if (identity is not null && seenVolumes!.Add(identity))
                {
                    disks.Add(disk);
                }
            }
        }

        List<GuestDevice>? devices = null; // most guests have none
        foreach (var (key, entry) in current)
            if (GuestKeys.DeviceFamily(kind, key) is { } family) (devices ??= []).Add(GuestDevices.Read(file, family, entry));
        devices?.Sort((a, b) => a.Key.Span.Line.CompareTo(b.Key.Span.Line));

        var snapshots = syntax.Sections.Length == 1 ? [] : syntax.Snapshots.Select(s => s.Name!.Value).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var name = properties.GetValueOrDefault(kind == GuestKind.Qemu ? "name" : "hostname");

        return new Guest(vmid, kind, node, file.Path, name, tags, disks.ToImmutable(), devices is null ? [] : [.. devices], snapshots, properties);
    }

    /// <summary>The section's disk keys, in the order of their (last) lines.</summary>
    private static List<(string Key, GuestEntry Entry)> DisksInLineOrder(GuestKind kind, OrdinalMap<GuestEntry> effective)
    {
        var disks = new List<(string Key, GuestEntry Entry)>();
        foreach (var (key, entry) in effective)
            if (GuestKeys.IsDisk(kind, key)) disks.Add((key, entry));
        // Each entry is a line of its own, so no two share a line and the sort needs no tie-break.
        disks.Sort(static (a, b) => a.Entry.Value.Span.Line.CompareTo(b.Entry.Value.Span.Line));
        return disks;
    }

    /// <summary>The current config first, then pending, then snapshots; a repeated section counts once (the later one wins).</summary>
    private static IEnumerable<(GuestSection Section, string? Label)> VolumeSections(GuestConfigSyntax syntax)
    {
        yield return (syntax.Main, null);
        if (syntax.Sections.Length == 1) yield break;
        if (syntax.Sections.LastOrDefault(s => s.Kind == GuestSectionKind.Pending) is { } pending) yield return (pending, "pending");
        foreach (var snapshot in syntax.Snapshots.GroupBy(s => s.Name!.Value, StringComparer.Ordinal).Select(g => g.Last()))
            yield return (snapshot, snapshot.Name!.Value);
    }
}
