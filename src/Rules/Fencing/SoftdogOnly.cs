using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Text;

namespace PveLint.Rules.Fencing;

/// <summary>
/// PVE4003: a cluster with HA resources in which every node's settings are known (its own file or the shared
/// default) and every node uses softdog. No finding when some node's settings were not scanned.
/// </summary>
public sealed class SoftdogOnly : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE4003", "softdog-only",
        "No hardware watchdog configured anywhere",
        Severity.Info, RuleCategory.Fencing,
        "softdog is a timer inside the kernel it is meant to reset: a kernel that hangs hard (interrupts off, a stuck driver) may never fire it, and the node that should have fenced itself keeps its disks and services while HA starts them elsewhere after 60 s. A hardware watchdog (iTCO_wdt, ipmi_watchdog, sp5100_tco, ...) resets the board independently of the kernel. softdog is Proxmox's supported default, hence only information.",
        "If the nodes have a hardware watchdog, set WATCHDOG_MODULE to its driver in /etc/default/pve-ha-manager on every node (and enable it in the BIOS/BMC); otherwise accept softdog knowingly.",
        "watchdog", "ha");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Ha.Resources.IsEmpty || model.Nodes.IsEmpty || model.Nodes.Any(n => n.Watchdog is null)) yield break;
        if (model.Nodes.Any(n => WatchdogModules.IsHardware(WatchdogModules.Effective(n.Watchdog)))) yield break;
        var file = model.DefaultWatchdog ?? model.Nodes[0].Watchdog!;
        var at = file.Module?.Span ?? SourceSpan.WholeFile(file.Path);
        yield return Report(at,
            $"All {model.Nodes.Length} nodes ({string.Join(", ", model.Nodes.Select(n => n.Name))}) fence with softdog, a kernel timer that a hard-hung kernel may never fire; {model.Ha.Resources.Length} HA resource{(model.Ha.Resources.Length == 1 ? "" : "s")} rely on it.");
    }
}
