using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.SectionConfig;

/// <summary>
/// jobs.cfg → the vzdump backup jobs PVE keeps (docs/jobs-cfg.md), with the fidelity of every section-config file:
/// unknown keys PVE0002, bad values PVE0003, repeated keys PVE0004, repeated ids PVE0005, missing <c>schedule</c>
/// PVE0007. <c>enabled</c> defaults to 1 (<c>PVE::Job::Registry::parse_config</c>).
/// </summary>
public static class JobsReader
{
    public static ImmutableArray<BackupJob> Read(SourceFile file, BindContext context) =>
        SectionConfigBinder.Read(file, JobsSchema.File, context).Accepted
            .Where(s => s.Type == "vzdump")
            .Select(s => FromEntry(s.Entry))
            .ToImmutableArray();

    private static BackupJob FromEntry(SectionEntry entry) => new(
        entry.Id,
        entry.Get("enabled")?.Value != "0",
        entry.Get("schedule"),
        entry.Get("storage"),
        entry.Get("dumpdir"),
        VmIds(entry.Get("vmid")),
        entry.Get("all")?.Value == "1",
        entry.Get("pool"),
        VmIds(entry.Get("exclude")),
        entry.Get("node"),
        entry);

    /// <summary>The ids of a checked <c>pve-vmid-list</c>, each with its own span.</summary>
    internal static ImmutableArray<Located<int>> VmIds(Located<string>? list) =>
        list is null ? [] : PerlText.SplitList(list.Value)
            .Select(item => new Located<int>(int.Parse(item.Text, System.Globalization.CultureInfo.InvariantCulture), ItemSpan(list, item.Offset, item.Text.Length)))
            .ToImmutableArray();

    private static SourceSpan ItemSpan<T>(Located<T> value, int offset, int length) =>
        value.Span.Line == value.Span.EndLine ? SourceSpan.OnLine(value.Span.Path, value.Span.Line, value.Span.Column + offset, length) : value.Span;
}
