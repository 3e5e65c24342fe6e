using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Fencing;

/// <summary>
/// PVE4002: nodes whose watchdog settings load different drivers. Only nodes with known settings (their own file or
/// the shared default) are compared, and a module PVE4001 reports as unknown is left out (one finding per mistake).
/// The most common driver is the reference; each node that differs gets a finding.
/// </summary>
public sealed class InconsistentWatchdog : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE4002", "inconsistent-watchdog",
        "Nodes configured with different watchdog drivers",
        Severity.Warning, RuleCategory.Fencing,
        "Every node should fence itself the same way: with the hardware watchdog its board has, or all with softdog. A node left on softdog next to nodes with a hardware watchdog is the one whose self-fencing depends on the kernel it has to reset; mixed settings usually mean a node was installed or replaced without the site's watchdog file.",
        "Give every node the same WATCHDOG_MODULE (per-node files under hosts/<node>/etc/default/pve-ha-manager only where the hardware differs), and document why when it must differ.",
        "watchdog", "ha");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        var known = model.Nodes
            .Where(n => n.Watchdog is not null)
            .Select(n => (Node: n, Module: WatchdogModules.Effective(n.Watchdog)))
            .Where(x => WatchdogModules.IsKnown(x.Module))
            .ToList();
        var groups = known.GroupBy(x => x.Module).OrderByDescending(g => g.Count()).ThenBy(g => known.FindIndex(x => x.Module == g.Key)).ToList();
        if (groups.Count < 2) yield break;
        var reference = groups[0];
        var example = reference.First().Node;
        foreach (var (node, module) in groups.Skip(1).SelectMany(g => g))
        {
            var settings = node.Watchdog!;
            var at = settings.Module?.Span ?? PveLint.Text.SourceSpan.WholeFile(settings.Path);
            var how = settings.Module is null ? "loads softdog (WATCHDOG_MODULE is not set)" : $"loads {module}";
            var related = example.Watchdog!.Module is { } m
                ? new RelatedSpan(m.Span, $"{example.Name} loads {reference.Key}")
                : new RelatedSpan(PveLint.Text.SourceSpan.WholeFile(example.Watchdog.Path), $"{example.Name} loads softdog");
            yield return Report(at,
                $"Node {node.Name} {how}, while {string.Join(", ", reference.Select(x => x.Node.Name))} load{(reference.Count() == 1 ? "s" : "")} {reference.Key}: the nodes do not fence themselves the same way.",
                [related]);
        }
    }
}
