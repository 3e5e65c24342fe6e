using PveLint.Diagnostics;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Input;

public sealed class MissingRequiredKey : DiagnosticRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE0007", "missing-required-key",
        "A section without a required key",
        Severity.Error, RuleCategory.Input,
        "PVE skips a section that lacks a required key; on pve-ha-manager before 5.1.2 a broken rules.cfg section stops every CRM round, so no HA service is processed.",
        "Add the required key named in the message.",
        "schema");

    public override RuleMetadata Metadata => Meta;
}
