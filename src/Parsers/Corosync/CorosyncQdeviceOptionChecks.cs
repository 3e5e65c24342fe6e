using PveLint.Binding;
using PveLint.Corosync.Syntax;
using PveLint.Diagnostics;

namespace PveLint.Corosync;

/// <summary>
/// The quorum device options corosync-qdevice 3.0.3 refuses when it starts (qdevice-instance.c heuristics,
/// qdevice-net-instance.c, qdevice-net-algo-ffsplit.c; issue 7 class 13): numbers go through utils_strtonum (C
/// strtoll, whole string, within a range), switches through utils_parse_bool_str (yes/on/1, no/off/0, any case).
/// corosync itself runs; the cluster just never gets the device's vote.
/// </summary>
internal static class CorosyncQdeviceOptionChecks
{
    private const string Refuses = "corosync-qdevice refuses to start, so the cluster gets no QDevice vote";

    private static readonly string[] Switch = ["yes", "on", "1", "no", "off", "0"];

    /// <param name="corosyncRuns">False when votequorum refuses: corosync stops, so corosync-qdevice never gets to its algorithm.</param>
    public static void Check(CorosyncConfigView view, bool corosyncRuns, BindContext context)
    {
        Range(view["quorum.device.heuristics.timeout"], 1000, 120000, "heuristics.timeout must be valid number in range <1000,120000>", context);
        Range(view["quorum.device.heuristics.sync_timeout"], 1000, 120000, "heuristics.sync_timeout must be valid number in range <1000,120000>", context);
        Range(view["quorum.device.heuristics.interval"], 1000, 3600000, "heuristics.interval must be valid number in range <1000,3600000>", context);
        Words(view["quorum.device.heuristics.mode"], [.. Switch, "sync"], "quorum.device.heuristics.mode value is not valid.", context);

        // Observed with corosync-qdevice 3.0.3: a sync_timeout of 0 makes it die of SIGSEGV right after start-up.
        if (view["quorum.device.sync_timeout"] is { } sync && CorosyncIntegers.TryParse(sync.Value.Value, 0, uint.MaxValue, out var syncTimeout) && syncTimeout == 0)
            context.Report(DiagnosticIds.InvalidValue, sync.Value.Span,
                $"Key 'quorum.device.sync_timeout' is 0: {Refuses} (corosync-qdevice 3.0.3 dies of a segmentation fault right after it starts; leave the key out for the default 30000 ms).");
        Range(view["quorum.device.net.port"], 1, ushort.MaxValue, "quorum.device.net.port must be in range 1-65535", context);
        if (view["quorum.device.net.algorithm"] is { Value.Value: "test" } test)
            Refuse(test, "the 'test' algorithm is for developers and off unless corosync-qdevice is started with -S net_test_algorithm_enabled=on",
                "Test algorithm is not enabled. You can force enable it by passing -S net_test_algorithm_enabled=on to corosync-qdevice command", context);
        if (view["quorum.device.net.tie_breaker"] is { } tieBreaker && tieBreaker.Value.Value is not ("lowest" or "highest"))
            Range(tieBreaker, 1, uint.MaxValue, "tie_breaker must be lowest|highest|valid_node_id", context);
        Range(view["quorum.device.net.connect_timeout"], 1000, 120000, "connect_timeout must be valid number in range <1000,120000>", context);
        if (view["quorum.device.net.force_ip_version"] is { } force && !(Strtonum(force.Value.Value, 0, 6) is 0 or 4 or 6))
            Refuse(force, $"'{Show(force.Value.Value)}' is not 0, 4 or 6", "force_ip_version must be one of 0|4|6", context);
        Words(view["quorum.device.net.keep_active_partition_tie_breaker"], Switch, "quorum.device.net.keep_active_partition_tie_breaker value is not valid.", context);

        if (corosyncRuns) FiftyFiftySplit(view, context);
    }

    /// <summary>ffsplit (the default) needs quorum.device.votes set to exactly 1 and every node to have 1 vote.</summary>
    private static void FiftyFiftySplit(CorosyncConfigView view, BindContext context)
    {
        var algorithm = view["quorum.device.net.algorithm"]?.Value.Value ?? "ffsplit";
        if (algorithm != "ffsplit") return;
        var votes = view["quorum.device.votes"];
        if (votes is null || !CorosyncIntegers.TryParse(votes.Value.Value, 0, uint.MaxValue, out var v) || v != 1)
        {
            var at = votes ?? view["quorum.device.net.algorithm"];
            var message = $"The ffsplit algorithm needs quorum.device.votes set to 1, {(votes is null ? "but it is not set" : $"but it is '{Show(votes.Value.Value)}'")}: {Refuses} ('50:50 split algorithm works only if quorum.device.votes configuration key is set to 1!').";
            if (at is not null) context.Report(DiagnosticIds.InvalidValue, at.Value.Span, message);
            else context.Report(DiagnosticIds.MissingRequiredKey, view.Sections("quorum.device")[0].Name.Span, message);
        }
        // It checks the nodes votequorum knows: at start-up the local one, later every member.
        foreach (var node in view.Nodes)
            if (node["quorum_votes"] is { } nodeVotes && CorosyncIntegers.TryParse(nodeVotes.Value.Value, 0, uint.MaxValue, out var n) && n != 1 && node["nodeid"] is not null)
            {
                var name = Show((node["name"] ?? node["ring0_addr"])?.Value.Value ?? $"node {node["nodeid"]!.Value.Value}");
                context.Report(DiagnosticIds.InvalidValue, nodeVotes.Value.Span,
                    $"The ffsplit algorithm needs every node to have exactly 1 vote, but this node has {n}: corosync-qdevice refuses to start on {name} (and on every node once {name} is a member), so the cluster gets no QDevice vote ('50:50 split algorithm works only if all nodes have exactly 1 vote. Node {node["nodeid"]!.Value.Value} has {n} votes!').");
            }
    }

    private static void Range(CorosyncItem? item, long min, long max, string upstream, BindContext context)
    {
        if (item is null || Strtonum(item.Value.Value, min, max) is not null) return;
        Refuse(item, $"'{Show(item.Value.Value)}' is not a number from {min} to {max}", upstream, context);
    }

    private static void Words(CorosyncItem? item, string[] accepted, string upstream, BindContext context)
    {
        if (item is null || accepted.Contains(item.Value.Value, StringComparer.OrdinalIgnoreCase)) return;
        Refuse(item, $"'{Show(item.Value.Value)}' is not one of {string.Join(", ", accepted)}", upstream, context);
    }

    private static void Refuse(CorosyncItem item, string why, string upstream, BindContext context) =>
        context.Report(DiagnosticIds.InvalidValue, item.Value.Value.Length > 0 ? item.Value.Span : item.Span,
            $"Key '{item.Key.Value}' of the quorum device: {why}; {Refuses} ('{upstream}').");

    /// <summary>utils_strtonum: strtoll in base 10 over the whole string, within [min, max].</summary>
    private static long? Strtonum(string text, long min, long max) =>
        CorosyncIntegers.TryParse(text, min, max, out var value) ? value : null;

    private static string Show(string text) => CorosyncParser.Shorten(text);
}
