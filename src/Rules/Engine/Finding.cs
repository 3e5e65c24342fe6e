using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Text;

namespace PveLint.Rules.Engine;

/// <summary>
/// One problem reported by a rule: message (a complete sentence first), primary span (null for findings
/// with no line of their own, such as a missing QDevice), related spans and an optional fix.
/// </summary>
public sealed record Finding(
    RuleMetadata Rule,
    Severity Severity,
    string Message,
    SourceSpan? Span,
    ImmutableArray<RelatedSpan> Related,
    Fix? Fix = null)
{
    public string RuleId => Rule.Id;
}
