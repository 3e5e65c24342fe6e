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
        if (!syntax.Diagnostics.IsEmpty) context.ReportAll(syntax.Diagnostics); // most have none: no boxed array
        return Bind(file, syntax, node, context);
    }

    public static Guest Bind(SourceFile file, GuestConfigSyntax syntax, string node, BindContext context)
    {
        var (kind, vmid) = (syntax.Kind, syntax.VmId);
        var main = syntax.Main;
        var current = main.Effective;

        var properties = new GuestProperties(main);

        var tags = ImmutableArray<Located<string>>.Empty;
        if (properties.TryGetValue("tags", out var tagValue))
        {
            tags = GuestTags.Split(file, tagValue, out var invalid);
            // Not "invalid ?? []": that makes an empty list for every guest.
            if (invalid is not null)
                foreach (var tag in invalid)
                    context.Report(DiagnosticIds.InvalidValue, tag.Span,
                        $"Tag '{GuestText.Excerpt(tag.Value)}' of {GuestText.Describe(kind, vmid)} has characters outside [a-z0-9_+.-] or does not start with a letter, digit or '_'" +
                        (kind == GuestKind.Qemu ? ", so qemu-server drops the whole 'tags' line." : "; pve-container keeps it but the API refuses it."));
            // qemu-server drops the key when the format check fails; pve-container stores the value anyway.
            if (kind == GuestKind.Qemu && invalid is not null) tags = [];
        }

        var mainDisks = DisksInLineOrder(kind, main.Effective);
        var disks = ImmutableArray.CreateBuilder<GuestDisk>(mainDisks.Count); // the usual config: only these, handed over uncopied
        AddDisks(file, kind, vmid, mainDisks, null, disks, null, context);
        if (syntax.Sections.Length > 1)
        {
            // Volumes of the current config, so a snapshot's or pending's reference to the same volume is not added again.
            var seenVolumes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var disk in disks)
                if (VolumeIdentity(disk) is { } identity) seenVolumes.Add(identity);
            foreach (var (section, label) in OtherVolumeSections(syntax))
                AddDisks(file, kind, vmid, DisksInLineOrder(kind, section.Effective), label, disks, seenVolumes, context);
        }

        List<GuestDevice>? devices = null; // most guests have none
        foreach (var (key, entry) in current)
            if (GuestKeys.DeviceFamily(kind, key) is { } family) (devices ??= []).Add(GuestDevices.Read(file, family, entry));
        devices?.Sort((a, b) => a.Key.Span.Line.CompareTo(b.Key.Span.Line));

        var snapshots = syntax.Sections.Length == 1 ? [] : syntax.Snapshots.Select(s => s.Name!.Value).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var name = properties.GetValueOrDefault(kind == GuestKind.Qemu ? "name" : "hostname");

        return new Guest(vmid, kind, node, file.Path, name, tags, disks.DrainToImmutable(), devices is null ? [] : [.. devices], snapshots, properties);
    }

    /// <summary>The section's disk keys, in the order of their (last) lines: in this thread's list, to be read before the next call.</summary>
    private static List<(string Key, GuestEntry Entry)> DisksInLineOrder(GuestKind kind, OrdinalMap<GuestEntry> effective)
    {
        var disks = t_disks ??= [];
        disks.Clear();
        foreach (var (key, entry) in effective)
            if (GuestKeys.IsDisk(kind, key)) disks.Add((key, entry));
        // Each entry is a line of its own, so no two share a line and the sort needs no tie-break.
        if (disks.Count > 1) disks.Sort(static (a, b) => a.Entry.Value.Span.Line.CompareTo(b.Entry.Value.Span.Line));
        return disks;
    }

    // Every guest's disks pass through it: one list per thread instead of an array per guest.
    [ThreadStatic] private static List<(string Key, GuestEntry Entry)>? t_disks;

    /// <summary>
    /// The disks of one section (in line order); those of pending or a snapshot (<paramref name="label"/>) only when
    /// <paramref name="seenVolumes"/> does not hold their volume yet.
    /// </summary>
    private static void AddDisks(SourceFile file, GuestKind kind, int vmid, List<(string Key, GuestEntry Entry)> sectionDisks, string? label, ImmutableArray<GuestDisk>.Builder disks, HashSet<string>? seenVolumes, BindContext context)
    {
        foreach (var (key, entry) in sectionDisks)
        {
            if (GuestDisks.Read(file, kind, vmid, key, entry, label, context) is not { } disk) continue;
            if (label is null || (VolumeIdentity(disk) is { } identity && seenVolumes!.Add(identity))) disks.Add(disk);
        }
    }

    private static string? VolumeIdentity(GuestDisk disk) => disk.Kind is DiskKind.None or DiskKind.HostCdrom ? null : $"{disk.StorageId}:{disk.Volume}";

    /// <summary>Pending, then snapshots; a repeated section counts once (the later one wins).</summary>
    private static IEnumerable<(GuestSection Section, string Label)> OtherVolumeSections(GuestConfigSyntax syntax)
    {
        if (syntax.Sections.LastOrDefault(s => s.Kind == GuestSectionKind.Pending) is { } pending) yield return (pending, "pending");
        foreach (var snapshot in syntax.Snapshots.GroupBy(s => s.Name!.Value, StringComparer.Ordinal).Select(g => g.Last()))
            yield return (snapshot, snapshot.Name!.Value);
    }
}
