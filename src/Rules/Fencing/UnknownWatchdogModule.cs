using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Fencing;

/// <summary>
/// PVE4001: WATCHDOG_MODULE names no watchdog driver of the target kernel (or is empty). The nodes it applies to
/// are named: the node of a hosts/&lt;node&gt;/ file, or every node without its own file for the shared default.
/// </summary>
public sealed class UnknownWatchdogModule : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE4001", "unknown-watchdog-module",
        "WATCHDOG_MODULE names no known watchdog driver",
        Severity.Error, RuleCategory.Fencing,
        "watchdog-mux runs `modprobe -q $WATCHDOG_MODULE` when /dev/watchdog does not exist. A module name that does not exist (module names are case-sensitive: itco_wdt is not iTCO_wdt) loads nothing, /dev/watchdog never appears, watchdog-mux exits with 'watchdog open' failed, and the HA stack on that node cannot arm its watchdog: the node cannot be fenced and its services are not recovered safely.",
        "Set WATCHDOG_MODULE to the driver of the node's hardware watchdog exactly as modprobe spells it (iTCO_wdt, ipmi_watchdog, sp5100_tco, ...), or remove the line to use softdog; then reboot the node or restart watchdog-mux when no HA service runs on it.",
        "watchdog", "ha");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        foreach (var settings in WatchdogFiles(model))
        {
            if (settings.Module is not { } module) continue;
            var name = WatchdogModules.FirstWord(module.Value);
            if (name.Length > 0 && WatchdogModules.IsKnown(name)) continue;
            var nodes = NodesUsing(model, settings);
            var who = settings.Node is { } n ? $"node {n}" : nodes.Count > 0 ? $"the nodes without their own file ({string.Join(", ", nodes)})" : "every node without its own file";
            var problem = name.Length == 0
                ? "WATCHDOG_MODULE is empty, so watchdog-mux runs modprobe without a module"
                : $"WATCHDOG_MODULE={name} is not a watchdog driver of the target kernel{(WatchdogModules.Suggest(name) is { } s ? $" (did you mean {s}? module names are case-sensitive)" : "")}";
            var others = model.Nodes.Where(p => p.Watchdog is { } w && w != settings && w.Module is { } m && WatchdogModules.IsKnown(WatchdogModules.FirstWord(m.Value)))
                .Select(p => new RelatedSpan(p.Watchdog!.Module!.Span, $"{p.Name} uses {WatchdogModules.FirstWord(p.Watchdog.Module.Value)}"))
                .DistinctBy(r => r.Span)
                .Take(3);
            yield return Report(module.Span,
                $"{problem}: on {who}, /dev/watchdog never appears, watchdog-mux fails ('watchdog open') and HA cannot fence.", others);
        }
    }

    /// <summary>The shared default file and every node's own file, in that order.</summary>
    internal static IEnumerable<WatchdogSettings> WatchdogFiles(ClusterModel model) =>
        new[] { model.DefaultWatchdog }.OfType<WatchdogSettings>().Concat(model.NodeWatchdogs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value));

    /// <summary>Names of the nodes whose settings are these.</summary>
    internal static List<string> NodesUsing(ClusterModel model, WatchdogSettings settings) =>
        model.Nodes.Where(n => ReferenceEquals(n.Watchdog, settings)).Select(n => n.Name).ToList();
}
