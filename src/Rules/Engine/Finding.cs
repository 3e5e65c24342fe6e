using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Text;

namespace PveLint.Rules.Engine;

/// <summary>
/// One problem reported by a rule: message (a complete sentence first), primary span (null for findings
/// with no line of their own, such as a missing QDevice), related spans and an optional fix.
/// </summary>
/// <remarks>
/// A rule may leave its message to be written when first read (<see cref="Deferred"/>): a large cluster gives some
/// rules thousands of findings in one file, most of which the limits leave out unread (<see cref="FindingLimits"/>).
/// Equality and the hash are those of a record; the message is compared last, so only findings alike in everything
/// else have theirs written to be told apart.
/// </remarks>
public sealed record Finding(
    RuleMetadata Rule,
    Severity Severity,
    string Message,
    SourceSpan? Span,
    ImmutableArray<RelatedSpan> Related,
    Fix? Fix = null)
{
    private string? _message = Message;
    private Func<string>? _write; // set while the message is still to be written

    /// <summary>
    /// A finding whose message <paramref name="write"/> writes when first read (once, on any thread), made printable
    /// then (<see cref="PrintableText"/>), as the engine makes every message.
    /// </summary>
    public static Finding Deferred(RuleMetadata rule, Severity severity, Func<string> write, SourceSpan? span, ImmutableArray<RelatedSpan> related, Fix? fix = null) =>
        new(rule, severity, null!, span, related, fix) { _write = write };

    public string Message
    {
        get => _message ??= PrintableText.Escape(_write!());
        init => (_message, _write) = (value, null);
    }

    /// <summary>Whether the message is still to be written (it will be printable).</summary>
    internal bool IsDeferred => _message is null;

    public bool Equals(Finding? other) =>
        ReferenceEquals(this, other) || (other is not null
            && EqualityComparer<RuleMetadata>.Default.Equals(Rule, other.Rule) && Severity == other.Severity && Nullable.Equals(Span, other.Span)
            && Related.Equals(other.Related) && EqualityComparer<Fix?>.Default.Equals(Fix, other.Fix) && Omitted == other.Omitted
            && Subjects.Equals(other.Subjects) && string.Equals(Message, other.Message, StringComparison.Ordinal));

    /// <summary>Without the message, so that hashing writes no deferred one.</summary>
    public override int GetHashCode() => HashCode.Combine(Rule, Severity, Span, Related, Fix, Omitted, Subjects);

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
