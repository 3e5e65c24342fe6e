using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PveLint.Model;
using PveLint.SectionConfig;
using PveLint.SectionConfig.Schema;
using static PveLint.SectionConfig.Schema.PropertySchema;

namespace PveLint.Datacenter;

/// <summary>
/// The datacenter.cfg schema (<c>$datacenter_schema</c> in pve-cluster <c>DataCenterConfig.pm</c>;
/// reference/pve-formats.md §1.2), versioned: PVE 9.0 and 9.1 shipped pve-cluster 9.0.x, whose <c>crs</c> knows only
/// <c>ha=basic|static</c> and <c>ha-rebalance-on-start</c>; the dynamic scheduler, the <c>ha-auto-rebalance*</c>
/// keys (thresholds in percent) and <c>location</c> arrive with PVE 9.2. A key of a property string without
/// <c>optional</c> is required (e.g. <c>migration</c>'s <c>type</c>, <c>ha</c>'s <c>shutdown_policy</c>).
/// </summary>
public static class DatacenterSchema
{
    private const string Tag = @"[a-zA-Z0-9_][a-zA-Z0-9_\-+.]*";
    private const string Color = "[0-9a-fA-F]{6}";
    private const string TagColor = $"(?:{Tag}:{Color}(?::{Color})?)";

    public static readonly PropertyStringFormat Crs = new("crs",
    [
        new PropertySchema("ha", ValueKind.String)
        {
            Enum = [new EnumValue("basic"), new EnumValue("static"), new EnumValue("dynamic", TargetRelease.Pve92)],
        },
        Bool("ha-rebalance-on-start"),
        Bool("ha-auto-rebalance") with { Since = TargetRelease.Pve92 },
        Num("ha-auto-rebalance-threshold", 0, 100) with { Since = TargetRelease.Pve92, Requires = "ha-auto-rebalance" },
        OneOf("ha-auto-rebalance-method", "bruteforce", "topsis") with { Since = TargetRelease.Pve92, Requires = "ha-auto-rebalance" },
        Num("ha-auto-rebalance-hold-duration", 0) with { Since = TargetRelease.Pve92, Requires = "ha-auto-rebalance" },
        Num("ha-auto-rebalance-margin", 0, 100) with { Since = TargetRelease.Pve92, Requires = "ha-auto-rebalance" },
    ]);

    /// <summary><c>ha: shutdown_policy=...</c> — one required key and no default key, so <c>ha: migrate</c> is invalid.</summary>
    public static readonly PropertyStringFormat Ha = new("ha",
    [
        OneOf("shutdown_policy", "freeze", "failover", "conditional", "migrate") with { Optional = false },
    ]);

    private static PropertyStringFormat Network(string name) => new(name,
    [
        OneOf("type", "secure", "insecure") with { DefaultKey = true, Optional = false },
        Formatted("network", PveFormats.Cidr),
    ]);

    public static readonly PropertyStringFormat Migration = Network("migration");

    public static readonly PropertyStringFormat Replication = Network("replication");

    // 'min'/'max' in $next_id_format are not JSON-schema keywords, so PVE checks no range here.
    private static readonly PropertyStringFormat NextId = new("next-id", [Int("lower"), Int("upper")]);

    private static readonly PropertyStringFormat Notify = new("notify",
    [
        OneOf("package-updates", "auto", "always", "never"),
        Str("target-package-updates"),
        OneOf("fencing", "always", "never"),
        Str("target-fencing"),
        OneOf("replication", "always", "never"),
        Str("target-replication"),
    ]);

    private static readonly PropertyStringFormat BandwidthLimit = new("bwlimit",
        new[] { "clone", "default", "migration", "move", "restore" }.Select(k => Num(k, 0)));

    private static readonly PropertyStringFormat U2f = new("u2f", [Str("appid"), Str("origin")]);

    private static readonly PropertyStringFormat Webauthn = new("webauthn", [Str("rp"), Str("origin"), Str("id"), Bool("allow-subdomains")]);

    private static readonly PropertyStringFormat TagStyle = new("tag-style",
    [
        OneOf("shape", "full", "circle", "dense", "none"),
        Str("color-map") with { Pattern = $"{TagColor}(?:;{TagColor})*" },
        OneOf("ordering", "config", "alphabetical"),
        Bool("case-sensitive"),
    ]);

    private static readonly PropertyStringFormat UserTagAccess = new("user-tag-access",
    [
        OneOf("user-allow", "none", "list", "existing", "free"),
        Str("user-allow-list") with { Pattern = $"{Tag}(?:;{Tag})*" },
    ]);

    private static readonly PropertyStringFormat Location = new("pve-node-location",
    [
        Str("name") with { MaxLength = 128 },
        Num("latitude", -90, 90) with { Optional = false },
        Num("longitude", -180, 180) with { Optional = false },
    ]);

    /// <summary><c>mac-prefix</c>; a trailing 4-bit nibble (<c>BC:24:11:0</c>) is accepted from pve-cluster 9.1.0 (PVE 9.2) on.</summary>
    private static ValueFormat MacPrefix(TargetRelease target) => ValueFormat.Of("mac-prefix", prefix =>
        (target >= TargetRelease.Pve92 ? MacPrefixNew : MacPrefixOld).IsMatch(prefix) ? null
        : $"'{MessageText.Short(prefix)}' is not a valid unicast MAC address prefix");

    private static readonly Regex MacPrefixOld = new("^[a-fA-F0-9][02468aceACE](?::[a-fA-F0-9]{2}){0,2}:?$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Regex MacPrefixNew = new("^[a-fA-F0-9][02468aceACE](?::[a-fA-F0-9]{2}){0,2}(?::[a-fA-F0-9]?)?$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly string[] Keyboards =
        ["de", "de-ch", "da", "en-gb", "en-us", "es", "fi", "fr", "fr-be", "fr-ca", "fr-ch", "hu", "is", "it", "ja", "lt", "mk", "nl", "no", "pl", "pt", "pt-br", "sv", "sl", "tr"];

    private static readonly string[] Languages =
        ["ar", "ca", "da", "de", "en", "es", "eu", "fa", "fr", "hr", "he", "it", "ja", "ka", "kr", "nb", "nl", "nn", "pl", "pt_BR", "ru", "sl", "sv", "tr", "ukr", "zh_CN", "zh_TW"];

    /// <summary>The top-level keys PVE knows for <paramref name="target"/> (unknown ones are dropped).</summary>
    public static ImmutableDictionary<string, PropertySchema> Keys(TargetRelease target) => new[]
    {
        Formatted("crs", Crs),
        OneOf("keyboard", Keyboards),
        OneOf("language", Languages),
        Str("http_proxy") with { Pattern = "http://.*" },
        Bool("migration_unsecure"),
        Formatted("next-id", NextId),
        Formatted("migration", Migration),
        Formatted("replication", Replication),
        OneOf("console", "applet", "vv", "html5", "xtermjs"),
        Formatted("email_from", PveFormats.EmailOpt),
        Int("max_workers", 1),
        OneOf("fencing", "watchdog", "hardware", "both"),
        Formatted("ha", Ha),
        Formatted("mac_prefix", MacPrefix(target)),
        Formatted("notify", Notify),
        Formatted("bwlimit", BandwidthLimit),
        Formatted("u2f", U2f),
        Formatted("webauthn", Webauthn),
        Str("description") with { MaxLength = 64 * 1024 },
        Formatted("tag-style", TagStyle),
        Formatted("user-tag-access", UserTagAccess),
        Str("registered-tags") with { Pattern = $"(?:{Tag};)*{Tag}" },
        Str("consent-text") with { MaxLength = 64 * 1024 },
        Formatted("location", Location) with { Since = TargetRelease.Pve92 },
    }.ToImmutableDictionary(p => p.Name, StringComparer.Ordinal);
}
