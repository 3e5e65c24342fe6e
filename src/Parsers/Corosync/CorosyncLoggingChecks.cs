using PveLint.Binding;
using PveLint.Corosync.Syntax;
using PveLint.Diagnostics;

namespace PveLint.Corosync;

/// <summary>
/// The values corosync's logging set-up refuses (logconfig.c corosync_main_config_format_set, _blackbox_set,
/// _log_destination_set and corosync_main_config_set, run by <c>corosync -t</c> before the totem checks): each is
/// checked on the value in effect in 'logging' and in every logger_subsys block, where the same keys apply.
/// An unknown value stops corosync with 'parse error in config: unknown value for KEY.' (issue 7 class 10).
/// Only an empty logfile is certain to fail ('Can't open logfile'); any other path depends on the host.
/// </summary>
internal static class CorosyncLoggingChecks
{
    private static readonly string[] OnOff = ["on", "off"];
    private static readonly string[] YesNo = ["yes", "on", "no", "off"];

    /// <summary>logsys.c prioritynames, compared with strcasecmp.</summary>
    private static readonly string[] Priorities = ["alert", "crit", "debug", "emerg", "err", "error", "info", "notice", "warning"];

    /// <summary>libqb's qb_log_facility2int names, compared exactly ('Daemon' is refused).</summary>
    private static readonly string[] Facilities =
        ["auth", "authpriv", "cron", "daemon", "ftp", "kern", "lpr", "mail", "news", "syslog", "user", "uucp",
         "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"];

    /// <summary>key, accepted values, whether case is ignored, corosync's message (in logconfig.c's order).</summary>
    private static readonly (string Key, string[] Values, bool IgnoreCase, string Message, bool TopOnly)[] Keys =
    [
        ("fileline", OnOff, false, "unknown value for fileline", true),
        ("function_name", OnOff, false, "unknown value for function_name", true),
        ("timestamp", ["on", "hires", "off"], false, "unknown value for timestamp", true),
        ("blackbox", OnOff, false, "unknown value for blackbox", true),
        ("to_stderr", YesNo, false, "unknown value for to_stderr", false),
        ("to_syslog", YesNo, false, "unknown value for to_syslog", false),
        ("syslog_facility", Facilities, false, "unknown syslog facility specified", false),
        ("syslog_level", Priorities, true, "unknown syslog level specified", false),
        ("syslog_priority", Priorities, true, "unknown syslog priority specified", false),
        ("to_file", YesNo, false, "unknown value for to_file", false),
        ("to_logfile", YesNo, false, "unknown value for to_logfile", false),
        ("logfile_priority", Priorities, true, "unknown logfile priority specified", false),
        ("debug", ["trace", "on", "off"], false, "unknown value for debug", false),
    ];

    public static void Check(CorosyncConfigView view, BindContext context)
    {
        Check("logging", key => view["logging." + key], topLevel: true, context);
        foreach (var block in view.Sections("logging.logger_subsys"))
        {
            // logger_subsys keeps the first of a repeated key (CorosyncSchema: FirstValueWins).
            var first = new Dictionary<string, CorosyncItem>(StringComparer.Ordinal);
            foreach (var item in block.Items) first.TryAdd(item.Key.Value, item);
            if (!first.ContainsKey("subsys")) continue; // reported as a missing key already
            Check($"logging.logger_subsys.{first["subsys"].Value.Value}", first.GetValueOrDefault, topLevel: false, context);
        }
    }

    private static void Check(string path, Func<string, CorosyncItem?> lookup, bool topLevel, BindContext context)
    {
        foreach (var (key, values, ignoreCase, message, topOnly) in Keys)
        {
            if (topOnly && !topLevel) continue;
            if (lookup(key) is not { } item) continue;
            var value = item.Value.Value;
            if (values.Contains(value, ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)) continue;
            context.Report(DiagnosticIds.InvalidValue, value.Length > 0 ? item.Value.Span : item.Span,
                $"corosync refuses to start: key '{path}.{key}' is '{CorosyncParser.Shorten(value)}', which is not one of {string.Join(", ", values)} ('parse error in config: {message}.').");
        }
        if (lookup("logfile") is { Value.Value.Length: 0 } logfile)
            context.Report(DiagnosticIds.InvalidValue, logfile.Span,
                $"corosync refuses to start: key '{path}.logfile' is empty, and corosync cannot open a log file without a name ('parse error in config: Can't open logfile '' for reason: No such file or directory (2).').");
    }
}
