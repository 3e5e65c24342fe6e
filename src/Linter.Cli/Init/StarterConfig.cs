using System.Text;
using System.Text.RegularExpressions;
using PveLint.LinterConfiguration;
using PveLint.Model;

namespace PveLint.Cli.Init;

/// <summary>
/// The starter .pvelint.yaml that <c>pvelint init</c> writes: the schema line for editors, the target release, the
/// sites found as CRUSH datacenter buckets (else one commented-out template), the nodes found (capacity commented
/// out) and the default policy. Every active line is valid for <see cref="LinterConfigReader"/>.
/// </summary>
public static partial class StarterConfig
{
    public static string Write(ClusterModel model, TargetRelease target, string scanned)
    {
        var text = new StringBuilder();
        text.Append("# yaml-language-server: $schema=").Append(LinterConfigSchema.PublishedUri).Append('\n');
        text.Append("# Starter configuration written by 'pvelint init' from ").Append(OneLine(scanned)).Append(": review it, then commit it.\n\n");

        text.Append("# The Proxmox VE release the nodes run (pveversion): ").Append(LinterConfigSchema.Target.ChoiceList()).Append('\n');
        text.Append("target: ").Append(TargetReleases.Name(target)).Append("\n\n");

        var crushSites = model.Sites.Where(s => s.Source == SiteSource.Crush).ToList();
        if (crushSites.Count > 0)
        {
            text.Append("# Failure domains: the nodes that fail together. Taken from the CRUSH datacenter buckets; add a witness\n");
            text.Append("# site (role: witness) for the QDevice or tiebreaker monitor, and addresses: to place other hosts.\n");
            text.Append("sites:\n");
            foreach (var site in crushSites)
                text.Append("  ").Append(Scalar(site.Name)).Append(":\n    nodes: [").Append(string.Join(", ", site.Nodes.Select(Scalar))).Append("]\n");
        }
        else
        {
            var nodes = model.NodeNames;
            var half = (nodes.Length + 1) / 2;
            text.Append("# Failure domains: the nodes that fail together (a room, a building). None found in a CRUSH map, so\n");
            text.Append("# here is a template: uncomment it and put every node in its site.\n");
            text.Append("# sites:\n");
            text.Append("#   room-a:\n#     nodes: [").Append(string.Join(", ", nodes.Take(half).Select(Scalar).DefaultIfEmpty("pve1"))).Append("]\n");
            text.Append("#   room-b:\n#     nodes: [").Append(string.Join(", ", nodes.Skip(half).Select(Scalar).DefaultIfEmpty("pve2"))).Append("]\n");
            text.Append("#   witness:\n#     role: witness\n#     qdevice: ").Append(model.Corosync?.Quorum.Device is null ? "false" : "true").Append('\n');
        }
        text.Append('\n');

        if (!model.NodeNames.IsEmpty)
        {
            text.Append("# Node capacity, for the failover capacity check (PVE6007): uncomment and fill in.\n");
            text.Append("# nodes:\n");
            foreach (var node in model.NodeNames) text.Append("#   ").Append(Scalar(node)).Append(": { memory-gib: 0, cores: 0 }\n");
            text.Append('\n');
        }

        var policy = LinterPolicy.Default;
        text.Append("policy:\n");
        text.Append("  rpo-minutes: ").Append(policy.RpoMinutes).Append("        # longest acceptable replication interval\n");
        text.Append("  max-failures: ").Append(policy.MaxFailures).Append("        # simulate up to this many simultaneous failures\n\n");

        text.Append("# Severity overrides (error | warning | info | off), and object-keyed suppressions that survive PVE\n");
        text.Append("# rewriting its files without comments:\n");
        text.Append("# rules:\n#   PVE2011: off\n");
        text.Append("# suppressions:\n#   - rule: PVE2009\n#     object: vm:101\n#     reason: active/passive pair by design\n#     until: 2030-12-31\n");
        return text.ToString();
    }

    /// <summary>A name as a YAML scalar: plain when it is a simple name, else single-quoted.</summary>
    private static string Scalar(string name) => SimpleName().IsMatch(name) ? name : "'" + OneLine(name).Replace("'", "''") + "'";

    private static string OneLine(string text) => Text.PrintableText.Escape(text);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SimpleName();
}
