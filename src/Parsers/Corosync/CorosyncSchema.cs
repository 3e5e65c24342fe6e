using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace PveLint.Corosync;

/// <summary>How corosync converts a key's value (coroparse.c main_config_parser_cb).</summary>
internal enum CorosyncValueType
{
    Text,
    U8,
    U16,
    U32,
    I32,
    U64,
}

/// <summary>The values a key accepts, which program refuses others, and the message it logs.</summary>
/// <see cref="WhileParsing"/>: coroparse.c checks every line as it reads it; otherwise only the value in effect is checked.
internal sealed record CorosyncEnum(ImmutableArray<string> Values, string Refuser, string UpstreamMessage, bool IgnoreCase = false, bool WhileParsing = false)
{
    public bool Accepts(string value) =>
        Values.Contains(value, IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
}

internal sealed record CorosyncKeySpec(CorosyncValueType Type = CorosyncValueType.Text, CorosyncEnum? Enum = null);

/// <summary>
/// The keys and sub-sections corosync knows directly inside one section (by its dotted path).
/// <see cref="IsList"/>: every block is its own entry (node, interface, logger_subsys ...), so repeating it is normal.
/// <see cref="FirstValueWins"/>: corosync keeps the first of a repeated key (logger_subsys collects its items on a
/// list it fills at the head). <see cref="KeysAreEntries"/>: each line adds an entry (uidgid, member).
/// <see cref="OnlyKeys"/>: any other key is refused with <see cref="OnlyKeysMessage"/>.
/// </summary>
internal sealed record CorosyncSectionSpec(
    string Path,
    ImmutableDictionary<string, CorosyncKeySpec> Keys,
    ImmutableArray<string> Sections,
    Regex? KeyPattern = null,
    bool IsList = false,
    bool FirstValueWins = false,
    bool KeysAreEntries = false,
    string? OnlyKeysMessage = null)
{
    public CorosyncKeySpec? Key(string name) =>
        Keys.TryGetValue(name, out var spec) ? spec : KeyPattern?.IsMatch(name) == true ? new CorosyncKeySpec() : null;
}

/// <summary>
/// The corosync.conf keys of corosync 3.1.7 and corosync-qdevice 3.0.3 (reference/corosync-quorum.md §1.2 and
/// §1.5; corosync.conf(5), votequorum(5), corosync-qdevice(8); typed keys from coroparse.c). corosync stores
/// unknown keys and sections silently, so a typo simply has no effect: that is what PVE0002 reports.
/// There is no 'qb' section in corosync 3.1 (libqb's IPC type is <c>system.qb_ipc_type</c>).
/// </summary>
internal static class CorosyncSchema
{
    private const string Corosync = "corosync";
    private const string Qdevice = "corosync-qdevice";

    private static readonly string[] LoggerKeys =
        ["to_stderr", "to_logfile", "to_syslog", "logfile", "logfile_priority", "syslog_facility", "syslog_priority", "debug"];

    private static readonly ImmutableDictionary<string, CorosyncSectionSpec> Specs = Build();

    /// <summary>The spec of a section path such as <c>quorum.device.net</c>, or null for a section corosync does not know.</summary>
    public static CorosyncSectionSpec? Section(string path) => Specs.GetValueOrDefault(path);

    /// <summary>The root: top-level keys are allowed by the grammar but none is known.</summary>
    public static CorosyncSectionSpec Root => Specs[""];

    /// <summary>Sections (other than <paramref name="exceptPath"/>) that know <paramref name="key"/>, for "did you mean" hints.</summary>
    public static IEnumerable<string> SectionsKnowing(string key, string exceptPath) =>
        Specs.Values.Where(s => s.Path.Length > 0 && s.Path != exceptPath && s.Key(key) is not null).Select(s => s.Path).Order(StringComparer.Ordinal);

    private static ImmutableDictionary<string, CorosyncSectionSpec> Build()
    {
        var u8 = new CorosyncKeySpec(CorosyncValueType.U8);
        var u16 = new CorosyncKeySpec(CorosyncValueType.U16);
        var u32 = new CorosyncKeySpec(CorosyncValueType.U32);
        var u64 = new CorosyncKeySpec(CorosyncValueType.U64);
        var text = new CorosyncKeySpec();
        CorosyncKeySpec Parsing(string message, params string[] values) => new(CorosyncValueType.Text, new CorosyncEnum([.. values], Corosync, message, WhileParsing: true));
        CorosyncKeySpec Later(string refuser, string message, params string[] values) => new(CorosyncValueType.Text, new CorosyncEnum([.. values], refuser, message));

        var totem = Keys(text, "cluster_name", "secauth", "keyfile", "key", "clear_node_high_bit", "block_unlisted_ips",
                "cancel_token_hold_on_retransmit", "rrp_mode")
            .AddRange(Keys(u32, "version", "nodeid", "threads", "token", "token_coefficient", "token_retransmit", "token_warning",
                "hold", "token_retransmits_before_loss_const", "join", "send_join", "consensus", "merge", "downcheck",
                "fail_recv_const", "seqno_unchanged_const", "rrp_token_expired_timeout", "rrp_problem_count_timeout",
                "rrp_problem_count_threshold", "rrp_problem_count_mcast_threshold", "rrp_autorecovery_check_timeout",
                "heartbeat_failures_allowed", "max_network_delay", "window_size", "max_messages", "miss_count_const",
                "knet_pmtud_interval", "knet_mtu", "knet_compression_threshold", "netmtu"))
            .Add("knet_compression_level", new CorosyncKeySpec(CorosyncValueType.I32))
            .Add("config_version", u64)
            // checked while parsing (coroparse.c)
            .Add("ip_version", Parsing("Invalid ip_version type", "ipv4", "ipv6", "ipv4-6", "ipv6-4"))
            .Add("crypto_cipher", Parsing("Invalid cipher type. Should be none, aes256, aes192 or aes128", "none", "aes256", "aes192", "aes128"))
            .Add("crypto_hash", Parsing("Invalid hash type. Should be none, md5, sha1, sha256, sha384 or sha512", "none", "md5", "sha1", "sha256", "sha384", "sha512"))
            // checked against the libknet build: Debian's libknet 1.25 has no gcrypt, and 'none' is no compression model
            // to corosync 3.1.7 (it refuses it; leave the key out instead), as the real corosync said (issue 7 class 11)
            .Add("crypto_model", Parsing("Invalid crypto model. Should be nss or openssl", "nss", "openssl"))
            .Add("knet_compression_model", Parsing("Invalid compression model. Should be zlib, lz4, lz4hc, lzo2, lzma, bzip2 or zstd", "zlib", "lz4", "lz4hc", "lzo2", "lzma", "bzip2", "zstd"))
            // checked by totem_config_read/validate (totemconfig.c)
            .Add("transport", Later(Corosync, "Invalid transport type. Should be udpu, udp or knet", "udpu", "udp", "knet"))
            .Add("link_mode", Later(Corosync, "The Knet link mode specified is invalid.  It must be active, passive or rr.", "active", "passive", "rr"));

        var iface = Keys(text, "bindnetaddr", "broadcast", "mcastaddr")
            .AddRange(Keys(u8, "linknumber", "ttl", "knet_link_priority"))
            .Add("mcastport", u16)
            .AddRange(Keys(u32, "knet_ping_interval", "knet_ping_timeout", "knet_ping_precision", "knet_pong_count"))
            .Add("knet_transport", Later(Corosync, "Unrecognised knet_transport. expected 'udp' or 'sctp'", "udp", "sctp"));

        var tls = new CorosyncKeySpec(CorosyncValueType.Text, new CorosyncEnum(["on", "off", "yes", "no", "1", "0", "required"], Qdevice,
            "quorum.device.net.tls value is not valid.", IgnoreCase: true));

        var specs = new List<CorosyncSectionSpec>
        {
            new("", ImmutableDictionary<string, CorosyncKeySpec>.Empty,
                ["totem", "logging", "quorum", "nodelist", "system", "resources", "nozzle", "uidgid"]),
            new("totem", totem, ["interface"]),
            new("totem.interface", iface, ["member"], IsList: true),
            new("totem.interface.member", Keys(text, "memberaddr"), [], IsList: true, KeysAreEntries: true,
                OnlyKeysMessage: "Only memberaddr is allowed in member section"),
            new("logging", Keys(text, ["timestamp", "fileline", "function_name", "blackbox", .. LoggerKeys]), ["logger_subsys", "logging_daemon"]),
            new("logging.logger_subsys", Keys(text, ["subsys", .. LoggerKeys]), [], IsList: true, FirstValueWins: true),
            new("logging.logging_daemon", Keys(text, ["name", "subsys", .. LoggerKeys]), [], IsList: true, FirstValueWins: true),
            new("quorum", Keys(text, "auto_tie_breaker_node")
                .Add("provider", Later(Corosync, "Invalid quorum provider", "corosync_votequorum", "corosync_ykd"))
                .AddRange(Keys(u32, "expected_votes", "votes", "last_man_standing_window", "leaving_timeout"))
                .AddRange(Keys(u8, "two_node", "expected_votes_tracking", "allow_downscale", "wait_for_all", "auto_tie_breaker", "last_man_standing")),
                ["device"]),
            new("quorum.device", Keys(text, "model").AddRange(Keys(u32, "timeout", "sync_timeout", "votes")).Add("master_wins", u8),
                ["net", "heuristics"]),
            new("quorum.device.net", Keys(text, "host", "port", "tie_breaker", "connect_timeout", "force_ip_version", "keep_active_partition_tie_breaker")
                .Add("algorithm", Later(Qdevice, "Unknown decision algorithm", "ffsplit", "lms", "2nodelms", "test"))
                .Add("tls", tls), []),
            new("quorum.device.heuristics", Keys(text, "mode", "timeout", "sync_timeout", "interval"), [],
                KeyPattern: new Regex("^exec_.+$", RegexOptions.CultureInvariant)),
            new("nodelist", ImmutableDictionary<string, CorosyncKeySpec>.Empty, ["node"]),
            new("nodelist.node", Keys(text, "name").AddRange(Keys(u32, "nodeid", "quorum_votes")), [],
                KeyPattern: new Regex("^ring[0-9]+_addr$", RegexOptions.CultureInvariant), IsList: true),
            new("system", Keys(text, "priority", "state_dir")
                .Add("qb_ipc_type", Parsing("Invalid system.qb_ipc_type", "native", "shm", "socket"))
                .Add("sched_rr", Parsing("Invalid system.sched_rr value", "yes", "no"))
                .Add("move_to_root_cgroup", Parsing("Invalid system.move_to_root_cgroup", "yes", "no", "auto"))
                .Add("allow_knet_handle_fallback", Parsing("Invalid system.allow_knet_handle_fallback", "yes", "no")), []),
            new("resources", Keys(text, "watchdog_device").Add("watchdog_timeout", u32), ["system", "process"]),
            new("resources.system", ImmutableDictionary<string, CorosyncKeySpec>.Empty, ["memory_used", "load_15min"]),
            new("resources.system.memory_used", Keys(text, "max").Add("poll_period", u64), []),
            new("resources.system.load_15min", Keys(text, "max").Add("poll_period", u64), []),
            new("resources.process", ImmutableDictionary<string, CorosyncKeySpec>.Empty, ["memory_used"]),
            new("resources.process.memory_used", Keys(text, "max").Add("poll_period", u64), []),
            new("nozzle", Keys(text, "name", "ipaddr", "ipprefix", "macaddr"), []),
            new("uidgid", Keys(text, "uid", "gid"), [], KeysAreEntries: true, OnlyKeysMessage: "uidgid: Only uid and gid are allowed items"),
        };
        return specs.ToImmutableDictionary(s => s.Path, StringComparer.Ordinal);
    }

    private static ImmutableDictionary<string, CorosyncKeySpec> Keys(CorosyncKeySpec spec, params string[] names) =>
        names.ToImmutableDictionary(n => n, _ => spec, StringComparer.Ordinal);

    /// <summary>The inclusive range corosync checks for an integer type, as it prints it in its error.</summary>
    public static (long Min, long Max) Range(CorosyncValueType type) => type switch
    {
        CorosyncValueType.U8 => (0, byte.MaxValue),
        CorosyncValueType.U16 => (0, ushort.MaxValue),
        CorosyncValueType.U32 => (0, uint.MaxValue),
        CorosyncValueType.I32 => (int.MinValue, int.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };
}
