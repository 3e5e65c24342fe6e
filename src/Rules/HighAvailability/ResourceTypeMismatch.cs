using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class ResourceTypeMismatch : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2023", "resource-type-mismatch",
        "'vm:' naming a container or 'ct:' naming a VM",
        Severity.Error, RuleCategory.HighAvailability,
        "The resource type decides which tool the LRM runs: 'vm:' uses qm (qemu-server), 'ct:' uses pct (pve-container). For a guest of the other kind every start, stop and migration fails ('configuration file does not exist'), so the service ends in the 'error' state and is never started or recovered. Newer pve-ha-manager refuses such a resource in the API, but a hand-written resources.cfg still has it.",
        "Write the section with the guest's type ('ct: ID' for a container, 'vm: ID' for a VM), and the rules that name it likewise.",
        "design");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        foreach (var resource in model.Ha.Resources)
        {
            if (model.GuestOf(resource) is not { } guest || guest.Sid == resource.Sid || resource.Type is not ("vm" or "ct")) continue;
            var kind = guest.Kind == GuestKind.Lxc ? "a container" : "a VM";
            yield return Report(resource.Section.HeaderSpan,
                $"ha/resources.cfg manages '{resource.Sid}', but guest {guest.VmId}{(guest.Name is { } n ? $" ({n.Value})" : "")} on node {guest.Node} is {kind} ({guest.Path}): the LRM runs {(resource.Type == "vm" ? "qm" : "pct")} for it, every start fails, and the service ends in 'error'. Write '{guest.Sid}'.",
                [new RelatedSpan(Text.SourceSpan.WholeFile(guest.Path), $"{kind} {guest.VmId}")]);
        }
    }
}
