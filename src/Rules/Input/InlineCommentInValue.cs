using PveLint.Diagnostics;
using PveLint.Rules.Engine;

namespace PveLint.Rules.Input;

public sealed class InlineCommentInValue : DiagnosticRule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE0009", "inline-comment-in-value",
        "A '# text' after a value in a section-config file",
        Severity.Warning, RuleCategory.Input,
        "PVE's section-config format has no inline comments: only lines starting with '#' are comments. 'key value # note' makes '# note' part of the value, which then fails validation or means something else.",
        "Move the comment to its own line above the key.",
        "syntax");

    public override RuleMetadata Metadata => Meta;
}
