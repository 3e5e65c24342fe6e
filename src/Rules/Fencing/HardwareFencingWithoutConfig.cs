using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Fencing;

/// <summary>
/// PVE4005: <c>fencing: hardware</c> or <c>both</c> in datacenter.cfg. Without /etc/pve/ha/fence.cfg an error (no
/// fence device at all); with it a warning (experimental: pve-ha-manager reads the mode but its manager never runs
/// the fence agents, PVE::HA::Fence has no caller, so nodes are still fenced by their watchdog).
/// </summary>
public sealed class HardwareFencingWithoutConfig : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE4005", "hardware-fencing-without-config",
        "Hardware fencing selected without a fence configuration",
        Severity.Error, RuleCategory.Fencing,
        "fencing: hardware (or both) in datacenter.cfg asks HA to fence nodes through fence agents listed in /etc/pve/ha/fence.cfg. Without that file there is no fence device at all; with it, the mode is still experimental: pve-ha-manager has the code (PVE::HA::Fence) but nothing in its manager calls it, so the cluster relies on the watchdog anyway while its configuration says otherwise.",
        "Remove the fencing line (the default is watchdog), or, to test hardware fencing, write /etc/pve/ha/fence.cfg with a device per node and keep a working watchdog on every node.",
        "fencing", "ha");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Datacenter?.Fencing is not { Value: "hardware" or "both" } fencing) yield break;
        if (!model.Ha.FenceConfigPresent)
            yield return Report(fencing.Span,
                $"fencing: {fencing.Value} but there is no /etc/pve/ha/fence.cfg, so no fence device is configured for any of the {model.Nodes.Length} nodes; HA keeps fencing with the watchdog alone.");
        else
            yield return Report(fencing.Span,
                $"fencing: {fencing.Value} is experimental: pve-ha-manager reads ha/fence.cfg but its manager never runs the fence agents, so the {model.Nodes.Length} nodes are still fenced by their watchdog only.") with { Severity = Severity.Warning };
    }
}
