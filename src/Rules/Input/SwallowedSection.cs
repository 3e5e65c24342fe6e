using PveLint.Diagnostics;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Input;

public sealed class SwallowedSection : DiagnosticRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE0006", "swallowed-section",
        "A section header with no blank line before it",
        Severity.Error, RuleCategory.Input,
        "In PVE's section-config format a section ends only at an empty line. A header written directly under the previous section's body is read as an (invalid) body line of that section: the new section does not exist and its keys may be given to the previous one.",
        "Insert an empty line before the section header.",
        "syntax");

    public override RuleMetadata Metadata => Meta;
}
