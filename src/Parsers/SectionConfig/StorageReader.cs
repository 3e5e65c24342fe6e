using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.SectionConfig.Schema;
using PveLint.SectionConfig.Syntax;
using PveLint.Text;

namespace PveLint.SectionConfig;

/// <summary>
/// storage.cfg → storages as pve-storage's <c>Plugin.pm parse_config</c> leaves them (reference/pve-formats.md §2.1):
/// <list type="bullet">
/// <item>the effective shared flag: types in <c>@SHARED_STORAGE</c> are always shared; dir, lvm, btrfs and esxi only
///   with <c>shared 1</c>; zfspool and lvmthin never (they have no <c>shared</c> key);</item>
/// <item><c>nodes</c> restricts where a storage is usable (absent = every node; a rejected <c>nodes</c> value is
///   dropped, so the storage counts as usable everywhere);</item>
/// <item><c>content</c> keeps only the words the type supports, or the type's default when absent;</item>
/// <item>the storage <c>local</c> always exists: a missing or non-conforming one is replaced by the built-in
///   <c>dir: local</c> on /var/lib/vz, and <c>nodes</c> on it is deleted.</item>
/// </list>
/// Sections of a type pve-storage does not ship (third-party plugins) are kept with what can be read from them,
/// so guest disks on them still resolve; PVE0002 says PVE skips them without the plugin.
/// </summary>
public static class StorageReader
{
    public const string LocalPath = "/var/lib/vz";

    /// <summary>The built-in <c>local</c> storage's content (Plugin.pm <c>parse_config</c>).</summary>
    public static readonly ImmutableArray<string> LocalContent = ["backup", "images", "iso", "rootdir", "snippets", "vztmpl"];

    public static ImmutableArray<StorageDef> Read(SourceFile? file, BindContext context) =>
        file is null ? [ImplicitLocal(null)] : Bind(file, context).Storages;

    /// <summary>The bound file and the storages, for tests and tools that want the syntax tree too.</summary>
    public static (BoundSectionConfig Config, ImmutableArray<StorageDef> Storages) Bind(SourceFile file, BindContext context)
    {
        var config = SectionConfigBinder.Read(file, StorageSchema.File, context);
        var storages = config.Effective.Where(s => s.Status == SectionStatus.Accepted).Select(s => (s.Syntax.Header.Line, Storage: FromEntry(s.Entry)))
            .Concat(ThirdPartySections(config).Select(s => (s.Syntax.Header.Line, Storage: FromThirdParty(s))))
            .OrderBy(s => s.Line).Select(s => s.Storage).ToList();

        var local = storages.FindIndex(s => s.Id.Value == "local");
        if (local < 0 || !IsConformingLocal(storages[local]))
        {
            if (local >= 0)
            {
                var written = storages[local];
                var what = written.Type == "dir" ? $"a dir storage on {MessageText.Short(written.Section?.Get("path")?.Value)}" : $"a storage of type '{MessageText.Short(written.Type)}'";
                context.Report(DiagnosticIds.InvalidValue, written.Section?.HeaderSpan ?? SourceSpan.WholeFile(file.Path),
                    $"Storage 'local' must be a dir storage on {LocalPath}, but this is {what}: PVE replaces it with its built-in 'dir: local' ({LocalPath}, content {string.Join(",", LocalContent)}).");
                storages.RemoveAt(local);
            }
            else if (config.Effective.FirstOrDefault(s => s.Id.Value == "local") is { Status: SectionStatus.Broken } broken)
            {
                context.Report(DiagnosticIds.InvalidValue, broken.Syntax.Header.Span,
                    $"Storage 'local' is broken: PVE replaces it with its built-in 'dir: local' ({LocalPath}, content {string.Join(",", LocalContent)}).");
            }
            storages.Insert(0, ImplicitLocal(file.Path));
        }
        else if (storages[local].Nodes is not null)
        {
            var nodes = storages[local].Section!.Properties["nodes"];
            context.Report(DiagnosticIds.UnknownKey, nodes.Key.Span,
                "PVE deletes 'nodes' from storage 'local' (Plugin.pm parse_config): 'local' is always usable on every node.");
            storages[local] = storages[local] with { Nodes = null };
        }

        return (config, storages.ToImmutableArray());
    }

    private static bool IsConformingLocal(StorageDef local) =>
        local.Type == "dir" && local.Section?.Get("path")?.Value is null or LocalPath;

    private static StorageDef FromEntry(SectionEntry entry)
    {
        var type = entry.Type;
        var shared = StorageSchema.AlwaysShared.Contains(type) || entry.Get("shared")?.Value == "1";
        return new StorageDef(
            entry.Id,
            type,
            shared,
            entry.Get("nodes") is { } nodes ? PerlText.SplitList(nodes.Value).Select(n => n.Text).Distinct(StringComparer.Ordinal).ToImmutableArray() : null,
            StorageSchema.EffectiveContent(type, entry.Get("content")?.Value),
            entry.Get("disable")?.Value == "1",
            entry);
    }

    /// <summary>The built-in local storage PVE adds when the file has no usable one.</summary>
    private static StorageDef ImplicitLocal(string? path) =>
        new(new Located<string>("local", SourceSpan.WholeFile(path ?? "etc/pve/storage.cfg")), "dir", false, null, LocalContent, false, null);

    /// <summary>Sections of an unknown type whose id is a valid storage id: possibly a third-party plugin.</summary>
    private static IEnumerable<BoundSection> ThirdPartySections(BoundSectionConfig config)
    {
        var taken = config.Effective.Select(s => s.Id.Value).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return config.Sections
            .Where(s => s.Status == SectionStatus.SkippedUnknownType && !StorageSchema.File.RemovedTypes.ContainsKey(s.Type))
            .Where(s => PveFormats.StorageId.Check(s.Id.Value, TargetRelease.Pve92) is null && !taken.Contains(s.Id.Value))
            .Reverse().Where(s => seen.Add(s.Id.Value)).Reverse();
    }

    /// <summary>
    /// A third-party section, read without a schema: the first value of each key. Shared as the plugin would likely
    /// say (<c>@SHARED_STORAGE</c> or an explicit <c>shared 1</c>).
    /// </summary>
    private static StorageDef FromThirdParty(BoundSection section)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, SectionProperty>(StringComparer.Ordinal);
        foreach (var line in section.Syntax.Properties)
            if (!properties.ContainsKey(line.KeyText))
                properties[line.KeyText] = line.Value is null
                    ? new SectionProperty(line.Key, new Located<string>("1", line.KeySpan), isBareFlag: true)
                    : new SectionProperty(line.Key, line.Value);
        var entry = section.Entry with { Properties = properties.ToImmutable() };
        return FromEntry(entry);
    }
}
