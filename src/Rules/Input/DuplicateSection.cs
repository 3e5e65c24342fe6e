using PveLint.Diagnostics;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Input;

public sealed class DuplicateSection : DiagnosticRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE0005", "duplicate-section",
        "The same section id twice",
        Severity.Warning, RuleCategory.Input,
        "PVE keeps sections in a hash by id: a later section with the same id replaces the earlier one without a warning.",
        "Rename or remove one of the sections.",
        "schema");

    public override RuleMetadata Metadata => Meta;
}
