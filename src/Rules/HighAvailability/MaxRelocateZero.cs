using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class MaxRelocateZero : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2020", "max-relocate-zero",
        "max_relocate 0: a failed start goes to error without trying another node",
        Severity.Info, RuleCategory.HighAvailability,
        "When a start fails, the LRM retries on the same node max_restart times; then the CRM relocates the service to another node while it has failed on no more than max_relocate nodes. With max_relocate 0 a start failure (a broken local bridge, a full local disk, a missing device) puts the service straight into the 'error' state, from which only a manual 'disabled' request brings it back.",
        "Leave max_relocate at its default 1 (or higher), unless the guest must never start anywhere else after a failed start.",
        "design");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        foreach (var resource in model.Ha.Resources.Where(r => r.MaxRelocate is { Value: 0 }))
            yield return Report(resource.MaxRelocate!.Span,
                $"HA resource {HaText.Resource(model, resource.Sid)} has max_relocate 0: after {resource.MaxRestart?.Value ?? 1} failed restart{((resource.MaxRestart?.Value ?? 1) == 1 ? "" : "s")} on its node the service goes to 'error' instead of trying another node, and stays there until someone requests 'disabled'.");
    }
}
