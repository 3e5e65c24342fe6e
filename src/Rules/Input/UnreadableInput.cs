using PveLint.Diagnostics;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Input;

public sealed class UnreadableInput : DiagnosticRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE0010", "unreadable-input",
        "A file that cannot be read as text",
        Severity.Error, RuleCategory.Input,
        "A binary, oversized or refused archive entry, or a JSON dump of unknown shape, is not read at all: nothing in it is checked.",
        "Provide the file as text in the expected format (for Ceph dumps: crushtool -d, ceph osd crush dump, ceph mon dump -f json, ceph osd dump -f json).",
        "input");

    public override RuleMetadata Metadata => Meta;
}
