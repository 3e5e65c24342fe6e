using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Quorum;

/// <summary>
/// PVE1012: <c>transport: udp</c> or <c>udpu</c>. corosync 3.1.7 accepts both (corosync -t,
/// tests/oracles/corosync-startup/); other values are PVE0003.
/// </summary>
public sealed class NonKnetTransport : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE1012", "non-knet-transport",
        "A corosync transport other than knet",
        Severity.Error, RuleCategory.Corosync,
        "Proxmox VE 9 uses knet only. udp and udpu still start with corosync 3, but they 'disable all cryptography and redundancy support' (Proxmox docs): one link only, no encryption (secauth: on even stops corosync with them), and PVE's tools that manage links assume knet.",
        "Remove the transport line (knet is the default) or set transport: knet, set secauth: on, add a second link, and restart corosync on all nodes together.",
        "network", "security");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Corosync?.Totem.Transport is not { Value: "udp" or "udpu" } transport) yield break;
        yield return Report(transport.Span,
            $"transport: {transport.Value} on {TargetReleases.Name(model.Target)}: corosync 3 starts with it, but only with one link and no encryption (crypto is knet-only); Proxmox VE supports knet only.");
    }
}
