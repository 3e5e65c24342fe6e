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

    /// <summary>
    /// Non-zero for a summary that stands for this many findings of its rule that a limit left out
    /// (<see cref="FindingLimits"/>, or the per-file cap of the parsers).
    /// </summary>
    public int Omitted { get; init; }

    /// <summary>
    /// The objects the finding is about, by the names users write in <c>suppressions:</c> (vm:101, an HA rule id, a
    /// node, a pool ...), where its span alone does not say (<see cref="SubjectIndex"/> adds the object the span
    /// lies in). Set by rules whose span can lie elsewhere (a redundancy group in .pvelint.yaml): PVE2009 and PVE2024
    /// (the redundant resources).
    /// </summary>
    public ImmutableArray<string> Subjects { get; init; } = [];
}
