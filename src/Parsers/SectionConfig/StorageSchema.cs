using PveLint.Text;
using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.SectionConfig.Schema;
using PveLint.SectionConfig.Syntax;
using static PveLint.SectionConfig.Schema.OptionUse;
using static PveLint.SectionConfig.Schema.PropertySchema;

namespace PveLint.SectionConfig;

/// <summary>
/// What a storage type's plugin says beyond its keys (pve-storage <c>*Plugin.pm</c> <c>plugindata</c>): the content
/// words it supports, the content it gets when <c>content</c> is absent, and the image formats it supports.
/// </summary>
public sealed record StorageTypeInfo(string Type, ImmutableArray<string> ValidContent, ImmutableArray<string> DefaultContent, ImmutableArray<string> Formats);

/// <summary>
/// storage.cfg as pve-storage 9.x reads it (reference/pve-formats.md §2.1; <c>Plugin.pm</c> and each
/// <c>*Plugin.pm</c>'s <c>properties</c>/<c>options</c>/<c>plugindata</c>). Storage runs SectionConfig in unified
/// mode: one key list for all types, each type allowing a subset. A key that a type marks <c>fixed</c> without
/// <c>optional</c> is required.
/// </summary>
public static class StorageSchema
{
    /// <summary><c>@SHARED_STORAGE</c>: types PVE marks shared no matter what the file says.</summary>
    public static readonly ImmutableHashSet<string> AlwaysShared =
        ImmutableHashSet.Create(StringComparer.Ordinal, "iscsi", "nfs", "cifs", "rbd", "cephfs", "iscsidirect", "zfs", "drbd", "pbs");

    /// <summary>The <c>prune-backups</c> standard option (storage.cfg and vzdump jobs in jobs.cfg).</summary>
    internal static readonly PropertyStringFormat PruneBackups = new("prune-backups",
        [
            Bool("keep-all"),
            Int("keep-last", 0), Int("keep-hourly", 0), Int("keep-daily", 0), Int("keep-weekly", 0), Int("keep-monthly", 0), Int("keep-yearly", 0),
        ],
        values =>
        {
            // Plugin.pm validate_prune_backups: keep-all together with any keep-N > 0 is an error.
            var anyPositive = values.Where(kv => kv.Key != "keep-all").Any(kv => ValueChecker.TryNumber(kv.Value, out var n) && n > 0);
            return anyPositive && values.TryGetValue("keep-all", out var all) && PerlText.IsTrue(all)
                ? "keep-all cannot be set together with other options"
                : null;
        });

    private static readonly PropertyStringFormat BandwidthLimit = new("bwlimit",
        new[] { "clone", "default", "migration", "move", "restore" }.Select(k => Num(k, 0)));

    private static readonly ImmutableDictionary<string, PropertySchema> Properties = new[]
    {
        // Plugin.pm $defaultData->{propertyList}
        Formatted("nodes", PveFormats.NodeList),
        Formatted("content", PveFormats.StorageContentList),
        Bool("disable"),
        Formatted("prune-backups", PruneBackups),
        Int("max-protected-backups", -1),
        Bool("shared"),
        Formatted("subdir", PveFormats.StoragePath),
        OneOf("format", "raw", "qcow2", "subvol", "vmdk"),
        OneOf("preallocation", "off", "metadata", "falloc", "full"),
        Formatted("content-dirs", PveFormats.DirOverrideList),
        Formatted("options", PveFormats.MountOptions),
        Int("port", 1, 65535),
        Bool("snapshot-as-volume-chain"),
        // DirPlugin
        Formatted("path", PveFormats.StoragePath),
        Bool("mkdir"), Bool("create-base-path"), Bool("create-subdirs"),
        Str("is_mountpoint"),
        Formatted("bwlimit", BandwidthLimit),
        // NFSPlugin
        Formatted("export", PveFormats.StoragePath),
        Formatted("server", PveFormats.StorageServer),
        // CIFSPlugin
        Str("share"),
        Str("password") with { MaxLength = 256 },
        Str("domain") with { MaxLength = 256 },
        OneOf("smbversion", "default", "2.0", "2.1", "3", "3.0", "3.11"),
        // PBSPlugin
        Str("datastore"),
        Str("fingerprint") with { Pattern = "([A-Fa-f0-9]{2}:){31}[A-Fa-f0-9]{2}" },
        Str("encryption-key"),
        Str("master-pubkey"),
        // RBDPlugin
        Formatted("monhost", PveFormats.PortalDnsList),
        Str("pool"), Str("data-pool"), Str("namespace"), Str("username"), Str("authsupported"), Str("keyring"),
        Bool("krbd"),
        // CephFSPlugin
        Bool("fuse"),
        Formatted("fs-name", PveFormats.ConfigId),
        // ZFSPoolPlugin
        Formatted("blocksize", PveFormats.ZfsBlockSize),
        Bool("sparse"),
        Formatted("mountpoint", PveFormats.StoragePath),
        // ZFSPlugin (ZFS over iSCSI)
        Str("iscsiprovider"), Bool("nowritecache"), Str("comstar_tg"), Str("comstar_hg"), Str("lio_tpg"),
        Formatted("zfs-base-path", PveFormats.StoragePath),
        // LVMPlugin
        Formatted("vgname", PveFormats.LvmName),
        Formatted("base", PveFormats.VolumeId),
        Bool("saferemove"),
        // pve-storage 2025-10 (shipped with PVE 9.1)
        new PropertySchema("saferemove-stepsize", ValueKind.Integer) { Enum = new[] { "1", "2", "4", "8", "16", "32" }.Select(v => new EnumValue(v)).ToImmutableArray(), Since = TargetRelease.Pve91 },
        Str("saferemove_throughput"),
        Bool("tagged_only"),
        // LvmThinPlugin
        Formatted("thinpool", PveFormats.LvmName),
        // ISCSIPlugin
        Str("target"),
        Formatted("portal", PveFormats.PortalDns),
        // BTRFSPlugin
        Bool("nocow"),
        // ESXiPlugin
        Bool("skip-cert-verification"),
    }.ToImmutableDictionary(p => p.Name, StringComparer.Ordinal);

    private static readonly string[] AllContent = ["images", "rootdir", "vztmpl", "iso", "backup", "snippets", "none", "import"];

    /// <summary>Per type: the plugin's options (keys it allows, required ones) and plugindata.</summary>
    private static readonly (SectionTypeSchema Schema, StorageTypeInfo Info)[] TypeTable =
    [
        Type("dir", "dir storage",
            AllContent, ["images", "rootdir"], ["raw", "qcow2", "vmdk", "subvol"],
            ("path", FixedRequired), ("content-dirs", Opt), ("nodes", Opt), ("shared", Opt), ("disable", Opt), ("prune-backups", Opt),
            ("max-protected-backups", Opt), ("content", Opt), ("format", Opt), ("mkdir", Opt), ("create-base-path", Opt), ("create-subdirs", Opt),
            ("is_mountpoint", Opt), ("bwlimit", Opt), ("preallocation", Opt), ("snapshot-as-volume-chain", Opt)),
        Type("nfs", "nfs storage",
            ["images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import"], ["images"], ["raw", "qcow2", "vmdk"],
            ("path", FixedRequired), ("content-dirs", Opt), ("server", FixedRequired), ("export", FixedRequired), ("nodes", Opt), ("disable", Opt),
            ("prune-backups", Opt), ("max-protected-backups", Opt), ("options", Opt), ("content", Opt), ("format", Opt), ("mkdir", Opt),
            ("create-base-path", Opt), ("create-subdirs", Opt), ("bwlimit", Opt), ("preallocation", Opt), ("snapshot-as-volume-chain", Opt)),
        Type("cifs", "cifs storage",
            ["images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import"], ["images"], ["raw", "qcow2", "vmdk"],
            ("path", FixedRequired), ("content-dirs", Opt), ("server", FixedRequired), ("share", FixedRequired), ("subdir", Opt), ("nodes", Opt),
            ("disable", Opt), ("prune-backups", Opt), ("max-protected-backups", Opt), ("content", Opt), ("format", Opt), ("username", Opt),
            ("password", Opt), ("domain", Opt), ("smbversion", Opt), ("mkdir", Opt), ("create-base-path", Opt), ("create-subdirs", Opt),
            ("bwlimit", Opt), ("preallocation", Opt), ("options", Opt), ("snapshot-as-volume-chain", Opt)),
        Type("pbs", "pbs storage",
            ["backup", "none"], ["backup"], [],
            ("server", FixedRequired), ("datastore", FixedRequired), ("namespace", Opt), ("port", Opt), ("nodes", Opt), ("disable", Opt),
            ("content", Opt), ("username", Opt), ("password", Opt), ("encryption-key", Opt), ("master-pubkey", Opt), ("prune-backups", Opt),
            ("max-protected-backups", Opt), ("fingerprint", Opt)),
        Type("rbd", "rbd storage",
            ["images", "rootdir"], ["images"], [],
            ("nodes", Opt), ("disable", Opt), ("monhost", Opt), ("pool", Opt), ("data-pool", Opt), ("namespace", Opt), ("username", Opt),
            ("content", Opt), ("krbd", Opt), ("keyring", Opt), ("bwlimit", Opt)),
        Type("cephfs", "cephfs storage",
            ["vztmpl", "iso", "backup", "snippets", "import"], ["backup"], [],
            ("path", FixedRequired), ("content-dirs", Opt), ("monhost", Opt), ("nodes", Opt), ("subdir", Opt), ("disable", Opt), ("options", Opt),
            ("username", Opt), ("content", Opt), ("format", Opt), ("mkdir", Opt), ("create-base-path", Opt), ("create-subdirs", Opt), ("fuse", Opt),
            ("bwlimit", Opt), ("keyring", Opt), ("prune-backups", Opt), ("max-protected-backups", Opt), ("fs-name", Opt)),
        Type("zfspool", "zfspool storage",
            ["images", "rootdir"], ["images", "rootdir"], ["raw", "subvol"],
            ("pool", FixedRequired), ("blocksize", Opt), ("sparse", Opt), ("nodes", Opt), ("disable", Opt), ("content", Opt), ("bwlimit", Opt),
            ("mountpoint", Opt)),
        Type("zfs", "zfs (ZFS over iSCSI) storage",
            ["images"], ["images"], [],
            ("nodes", Opt), ("disable", Opt), ("portal", FixedRequired), ("target", FixedRequired), ("pool", FixedRequired), ("blocksize", FixedRequired),
            ("iscsiprovider", FixedRequired), ("nowritecache", Opt), ("sparse", Opt), ("comstar_hg", Opt), ("comstar_tg", Opt), ("lio_tpg", Opt),
            ("content", Opt), ("bwlimit", Opt), ("zfs-base-path", Opt)),
        Type("lvm", "lvm storage",
            ["images", "rootdir"], ["images"], ["raw", "qcow2"],
            ("vgname", FixedRequired), ("nodes", Opt), ("shared", Opt), ("disable", Opt), ("saferemove", Opt), ("saferemove-stepsize", Opt),
            ("saferemove_throughput", Opt), ("content", Opt), ("base", new OptionUse(Optional: true, Fixed: true)), ("tagged_only", Opt),
            ("bwlimit", Opt), ("snapshot-as-volume-chain", Opt)),
        Type("lvmthin", "lvmthin storage",
            ["images", "rootdir"], ["images", "rootdir"], [],
            ("thinpool", FixedRequired), ("vgname", FixedRequired), ("nodes", Opt), ("disable", Opt), ("content", Opt), ("bwlimit", Opt)),
        Type("iscsi", "iscsi storage",
            ["images", "none"], ["images"], [],
            ("portal", FixedRequired), ("target", FixedRequired), ("nodes", Opt), ("disable", Opt), ("content", Opt), ("bwlimit", Opt)),
        Type("iscsidirect", "iscsidirect storage",
            ["images", "none"], ["images"], [],
            ("portal", FixedRequired), ("target", FixedRequired), ("nodes", Opt), ("disable", Opt), ("content", Opt), ("bwlimit", Opt)),
        Type("btrfs", "btrfs storage",
            AllContent, ["images", "rootdir"], ["raw", "subvol"],
            ("path", FixedRequired), ("nodes", Opt), ("shared", Opt), ("disable", Opt), ("prune-backups", Opt), ("max-protected-backups", Opt),
            ("content", Opt), ("format", Opt), ("is_mountpoint", Opt), ("nocow", Opt), ("mkdir", Opt), ("create-base-path", Opt),
            ("create-subdirs", Opt), ("preallocation", Opt)),
        Type("esxi", "esxi storage",
            ["import"], ["import"], ["raw", "qcow2", "vmdk"],
            ("nodes", Opt), ("shared", Opt), ("disable", Opt), ("content", Opt), ("server", Required), ("username", Required), ("password", Opt),
            ("skip-cert-verification", Opt), ("port", Opt)),
    ];

    public static readonly ImmutableDictionary<string, StorageTypeInfo> TypeInfo =
        TypeTable.ToImmutableDictionary(t => t.Info.Type, t => t.Info, StringComparer.Ordinal);

    public static readonly SectionFileSchema File = new()
    {
        FileName = "storage.cfg",
        CheckId = (_, id) => new SectionIdCheck(id, PveFormats.StorageId.Check(id, TargetRelease.Pve92)?.Message),
        Types = TypeTable.ToImmutableDictionary(t => t.Schema.Type, t => t.Schema, StringComparer.Ordinal),
        Properties = Properties,
        RemovedTypes = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("glusterfs", "was removed in PVE 9.0 (pve-storage dropped direct GlusterFS support)"),
        ]),
        UnknownTypeHint = "unless a third-party storage plugin provides this type",
        RemovedKeys = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("maxfiles", "was removed in PVE 9.0 (pve-storage 9.0 dropped it; use 'prune-backups keep-last=N')"),
        ]),
        DecodeCheck = DecodeContent,
    };

    /// <summary>
    /// Plugin.pm <c>decode_value</c> for <c>content</c>: words the type does not support are dropped with a warning;
    /// 'none' mixed with other words, or nothing left on a type that does not allow 'none', breaks the section.
    /// </summary>
    private static bool DecodeContent(SectionEntry entry, SectionTypeSchema type, Action<string, Text.SourceSpan, string> report)
    {
        if (entry.Get("content") is not { } content || !TypeInfo.TryGetValue(type.Type, out var info)) return true;
        var kept = new List<string>();
        foreach (var (offset, word) in PerlText.SplitList(content.Value))
        {
            if (info.ValidContent.Contains(word))
            {
                if (!kept.Contains(word)) kept.Add(word);
                continue;
            }
            var span = new Text.SourceSpan(content.Span.Path, content.Span.Line, content.Span.Column + offset, content.Span.Line, content.Span.Column + offset + word.Length);
            report(DiagnosticIds.InvalidValue, span,
                $"{Capitalize(type.Noun!)} '{MessageText.Short(entry.Id.Value)}' does not support content type '{MessageText.Short(word)}' ('storage does not support content type'): PVE ignores it. Supported: {string.Join(", ", info.ValidContent)}.");
        }
        if (kept.Contains("none") && kept.Count > 1)
        {
            report(DiagnosticIds.InvalidValue, content.Span,
                $"'content' of {type.Noun} '{MessageText.Short(entry.Id.Value)}' combines 'none' with other content types ('unable to combine'): PVE drops the whole storage.");
            return false;
        }
        if (kept.Count == 0 && !info.ValidContent.Contains("none"))
        {
            report(DiagnosticIds.InvalidValue, content.Span,
                $"'content' of {type.Noun} '{MessageText.Short(entry.Id.Value)}' keeps no supported content type, and this type does not allow 'none': PVE drops the whole storage.");
            return false;
        }
        return true;
    }

    /// <summary>The content words PVE keeps for a storage section (supported ones, or the type's default when absent).</summary>
    public static ImmutableArray<string> EffectiveContent(string type, string? content)
    {
        if (!TypeInfo.TryGetValue(type, out var info))
            return content is null ? [] : PerlText.SplitList(content).Select(p => p.Text).Distinct(StringComparer.Ordinal).ToImmutableArray();
        if (content is null) return info.DefaultContent;
        return PerlText.SplitList(content).Select(p => p.Text).Where(info.ValidContent.Contains).Distinct(StringComparer.Ordinal).ToImmutableArray();
    }

    private static (SectionTypeSchema, StorageTypeInfo) Type(
        string type, string noun, string[] validContent, string[] defaultContent, string[] formats, params (string Key, OptionUse Use)[] options) =>
        (SectionTypeSchema.Create(type, noun, options),
         new StorageTypeInfo(type, [.. validContent], [.. defaultContent], [.. formats]));

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
