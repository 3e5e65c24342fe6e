using System.Collections.Immutable;
using PveLint.Text;

namespace PveLint.Diagnostics;

/// <summary>A text edit that fixes a finding: replace <see cref="Span"/> with <see cref="NewText"/>.</summary>
public sealed record TextEdit(SourceSpan Span, string NewText);

/// <summary>An optional fix: a description and the edits that carry it out.</summary>
public sealed record Fix(string Description, ImmutableArray<TextEdit> Edits);

/// <summary>A second location that explains a finding ("the other rule", "the node list").</summary>
public sealed record RelatedSpan(SourceSpan Span, string Message);

/// <summary>
/// A problem found while reading or binding the input (ids PVE0001–PVE0010, PVE9003). Parsers and the binder
/// only produce these; the rule engine turns them into findings under the matching rule's metadata.
/// <paramref name="Span"/> is null only for problems with no position (e.g. a missing file).
/// </summary>
public sealed record Diagnostic(string Id, string Message, SourceSpan? Span, ImmutableArray<RelatedSpan> Related = default, Fix? Fix = null)
{
    public ImmutableArray<RelatedSpan> RelatedSpans => Related.IsDefault ? ImmutableArray<RelatedSpan>.Empty : Related;

    /// <summary>
    /// Non-zero for a summary that stands for this many diagnostics of its id and file that a cap left out
    /// (<see cref="DiagnosticBudget"/>); the rule engine carries it to the finding.
    /// </summary>
    public int Omitted { get; init; }

    /// <summary>
    /// A severity other than the rule's default, set where the consequences this diagnostic stands for are worse
    /// than its own (an inline comment that makes PVE drop the key is an error, not a style warning); null = default.
    /// </summary>
    public Severity? Severity { get; init; }

    public static Diagnostic At(string id, SourceSpan span, string message) => new(id, message, span);
}
