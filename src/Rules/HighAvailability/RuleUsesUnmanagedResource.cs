using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class RuleUsesUnmanagedResource : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2016", "rule-uses-unmanaged-resource",
        "A rule naming a guest that is not an HA resource",
        Severity.Warning, RuleCategory.HighAvailability,
        "HA rules only place HA resources. The API refuses a rule with an unmanaged resource ('cannot use unmanaged resource(s)'), but the CRM reads hand-written rules.cfg without that check: the rule does nothing for the guest, which is neither kept on its nodes nor apart from its partners, and is not restarted or recovered by HA at all. The guest still counts in the HA core's rule checks.",
        "Add the guest to HA (ha-manager add vm:ID, or a resources.cfg section), or take it out of the rule.",
        "design");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        // A resources.cfg the scan did not see (ignore-paths, unreadable) is unknown, not empty.
        if (model.Unseen.CouldHold(Sources.ConfigTree.PvePrefix + "ha/resources.cfg")) yield break;
        var guests = model.Guests.ToDictionary(g => g.Sid, StringComparer.Ordinal);
        foreach (var rule in model.Ha.Rules)
            foreach (var resource in rule.Resources.Where(r => model.HaResource(r.Value) is null && guests.ContainsKey(r.Value)))
            {
                var guest = guests[resource.Value];
                yield return Report(resource.Span,
                    $"{(rule.Type == HaRuleType.NodeAffinity ? "Node-affinity" : "Resource-affinity")} rule '{rule.Id.Value}' names {HaText.Resource(model, resource.Value)} on node {guest.Node}, which is not an HA resource (not in ha/resources.cfg): the rule does nothing for it, and HA neither restarts nor recovers it.");
            }
    }
}
