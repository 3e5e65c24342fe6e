using PveLint.Diagnostics;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Input;

public sealed class ParserDisagreement : DiagnosticRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE0011", "parser-disagreement",
        "A line that corosync and PVE's own corosync.conf parser read differently",
        Severity.Warning, RuleCategory.Input,
        "corosync.conf is read by two parsers: corosync itself, and PVE::Corosync::parse_conf, which pvecm, the API and the GUI use and which rewrites the file when nodes join or links change. PVE's parser splits the whole file at white space and wants 'key: value' with exactly one value word and 'name {' headers; 'key:value', 'key : value', values with blanks, empty values and 'totem: {' are fine for corosync but misread, refused or silently changed by PVE's tools.",
        "Write the line in the canonical form corosync and PVE both read the same way: 'key: value' with one value word, and 'name {' for sections.",
        "syntax", "corosync");

    public override RuleMetadata Metadata => Meta;
}
