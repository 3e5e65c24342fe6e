using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class DisableZeroStillDisables : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2015", "disable-zero-still-disables",
        "'disable 0' in rules.cfg disables the rule",
        Severity.Warning, RuleCategory.HighAvailability,
        "pve-ha-manager skips every rule that has a 'disable' key (foreach_rule tests exists(), not the value), so 'disable 0' disables the rule just like 'disable 1'. The API never writes 'disable 0' (it deletes a false value), so the line comes from a hand edit or a generator that meant to enable the rule. Worse, when the HA core rewrites rules.cfg (the group migration) it writes 'disable' only for a true value: the line disappears and the rule suddenly becomes active.",
        "Delete the 'disable 0' line to enable the rule (the fix does), or write 'disable' or 'disable 1' if it is meant to be off.",
        "design", "ha-core");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        foreach (var rule in model.Ha.Rules)
        {
            if (!rule.Section.Properties.TryGetValue("disable", out var disable) || disable.IsBareFlag || disable.Value.Value != "0") continue;
            var migration = model.Ha.Groups.IsEmpty ? "" :
                " groups.cfg still has groups: when the HA core migrates them it rewrites rules.cfg without this line, and the rule turns on by itself.";
            yield return Report(disable.Key.Span,
                $"'disable 0' disables {(rule.Type == HaRuleType.NodeAffinity ? "node-affinity" : "resource-affinity")} rule '{rule.Id.Value}': the HA core skips every rule that has a 'disable' key, whatever its value, so the rule is not in effect.{migration}",
                fix: new Fix($"delete 'disable 0' to enable rule '{rule.Id.Value}'", [RulesFileEdit.RemoveLine(disable.Key.Span)]));
        }
    }
}
