using System.Collections.Immutable;
using PveLint.SectionConfig.Schema;
using PveLint.SectionConfig.Syntax;
using static PveLint.SectionConfig.Schema.OptionUse;
using static PveLint.SectionConfig.Schema.PropertySchema;

namespace PveLint.SectionConfig;

/// <summary>
/// jobs.cfg (<c>/etc/pve/jobs.cfg</c>) as pve-manager's <c>PVE::Jobs</c> reads it (docs/jobs-cfg.md): pve-common's
/// <c>PVE::Job::Registry</c> (SectionConfig with the default header: no id check, type not lower-cased) with the
/// plugins <c>vzdump</c> (pve-guest-common <c>PVE::VZDump::JobBase</c> + <c>PVE::VZDump::Common</c> <c>$confdesc</c>)
/// and <c>realm-sync</c> (pve-access-control <c>PVE::Jobs::RealmSync</c>). One key list for both types.
/// </summary>
public static class JobsSchema
{
    private static readonly PropertyStringFormat Performance = new("backup-performance",
        [Int("max-workers", 1, 256), Int("pbs-entries-max", 1)]);

    private static readonly PropertyStringFormat Fleecing = new("backup-fleecing",
        [Bool("enabled") with { DefaultKey = true }, Formatted("storage", PveFormats.StorageId)],
        values => values.TryGetValue("enabled", out var enabled) && enabled == "1" && !values.ContainsKey("storage")
            ? "'storage' parameter is required when 'enabled' is set"
            : null);

    private static readonly ImmutableDictionary<string, PropertySchema> Properties = new[]
    {
        // PVE::Job::Registry
        Bool("enabled"),
        Formatted("schedule", PveFormats.Calendar) with { MaxLength = 128 },
        Str("comment") with { MaxLength = 512 },
        Bool("repeat-missed"),
        // PVE::VZDump::Common $confdesc
        Formatted("vmid", PveFormats.VmIdList),
        Formatted("node", PveFormats.Node),
        Bool("all"),
        Bool("stdexcludes"),
        OneOf("compress", "0", "1", "gzip", "lzo", "zstd"),
        Int("pigz"),
        Int("zstd"),
        Bool("quiet"),
        OneOf("mode", "snapshot", "suspend", "stop"),
        Formatted("exclude", PveFormats.VmIdList),
        Str("exclude-path") with { IsArray = true },
        Formatted("mailto", PveFormats.EmailOrUserNameList),
        OneOf("mailnotification", "always", "failure"),
        OneOf("notification-mode", "auto", "legacy-sendmail", "notification-system"),
        Str("tmpdir"),
        Str("dumpdir"),
        Str("script"),
        Formatted("storage", PveFormats.StorageId),
        Bool("stop"),
        Int("bwlimit", 0),
        Int("ionice", 0, 8),
        Formatted("performance", Performance),
        Formatted("fleecing", Fleecing),
        Int("lockwait", 0),
        Int("stopwait", 0),
        Formatted("prune-backups", StorageSchema.PruneBackups),
        Bool("remove"),
        Str("pool"),
        Str("notes-template") with { MaxLength = 1024 },
        Bool("protected"),
        OneOf("pbs-change-detection-mode", "legacy", "data", "metadata"),
        // PVE::Jobs::RealmSync (realm-sync-options; 'full' and 'purge' are in the list but no realm-sync option)
        Formatted("realm", PveFormats.Realm) with { MaxLength = 32 },
        OneOf("scope", "users", "groups", "both"),
        Str("remove-vanished") with { Pattern = "(?:(?:(?:acl|properties|entry);)*(?:acl|properties|entry))|none" },
        Bool("enable-new"),
        Bool("full"),
        Bool("purge"),
    }.ToImmutableDictionary(p => p.Name, StringComparer.Ordinal);

    private static readonly string[] VzdumpKeys =
    [
        "vmid", "node", "all", "stdexcludes", "compress", "pigz", "zstd", "quiet", "mode", "exclude", "exclude-path", "mailto",
        "mailnotification", "notification-mode", "tmpdir", "dumpdir", "script", "storage", "stop", "bwlimit", "ionice",
        "performance", "fleecing", "lockwait", "stopwait", "prune-backups", "remove", "pool", "notes-template", "protected",
        "pbs-change-detection-mode",
    ];

    private static readonly (string, OptionUse)[] JobKeys = [("enabled", Opt), ("schedule", Required), ("comment", Opt)];

    public static readonly SectionFileSchema File = new()
    {
        FileName = "jobs.cfg",
        HeaderShape = SectionHeaderShape.AnyId,
        LowerCaseType = false,
        CheckId = (_, raw) => new SectionIdCheck(raw),
        Types = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("vzdump", SectionTypeSchema.Create("vzdump", "backup job",
                [.. JobKeys, ("repeat-missed", Opt), .. VzdumpKeys.Select(k => (k, Opt))])),
            KeyValuePair.Create("realm-sync", SectionTypeSchema.Create("realm-sync", "realm-sync job",
                [.. JobKeys, ("scope", Required), ("realm", FixedRequired), ("remove-vanished", Opt), ("enable-new", Opt)])),
        ]),
        Properties = Properties,
    };
}
