using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Text;

namespace PveLint.Rules.Quorum;

/// <summary>PVE1015: the totem section has no config_version, or 0.</summary>
public sealed class ConfigVersionMissing : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE1015", "config-version-missing",
        "totem without config_version",
        Severity.Warning, RuleCategory.Corosync,
        "pmxcfs copies /etc/pve/corosync.conf to every node's /etc/corosync/corosync.conf only when it finds a config_version that is non-zero and not lower than the local one; otherwise it logs 'unable to parse cluster config_version' and the nodes keep their old configuration. Proxmox: 'Always increment the config_version number after configuration changes'.",
        "Add config_version to the totem section, higher than the value the nodes have now (see `corosync-cmapctl totem.config_version`), and increase it on every change.",
        "pmxcfs");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (model.Corosync is not { } corosync) yield break;
        var totem = corosync.Totem;
        if (totem.ConfigVersion is { Value: 0 } zero)
            yield return Report(zero.Span, "config_version is 0: pmxcfs logs 'unable to parse cluster config_version' and does not copy this corosync.conf to the nodes, and corosync skips its version check between nodes.");
        else if (totem.ConfigVersion is null)
            yield return Report(totem.Span ?? SourceSpan.WholeFile(corosync.Path), "The totem section has no config_version: pmxcfs does not copy this corosync.conf to the nodes ('unable to parse cluster config_version'), so an edit in /etc/pve never reaches /etc/corosync.");
    }
}
