using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Rules.Engine;

/// <summary>
/// A rule: a pure function of the model. It never parses, reads files or formats output. Subclasses declare
/// their metadata once and yield findings through <see cref="Report"/>.
/// </summary>
public abstract class Rule
{
    public abstract RuleMetadata Metadata { get; }

    public abstract IEnumerable<Finding> Check(ClusterModel model);

    /// <param name="severity">For a finding less (or more) severe than the rule's default; null for the default.</param>
    protected Finding Report(SourceSpan? span, string message, IEnumerable<RelatedSpan>? related = null, Fix? fix = null, Severity? severity = null) =>
        new(Metadata, severity ?? Metadata.DefaultSeverity, message, span, related?.ToImmutableArray() ?? ImmutableArray<RelatedSpan>.Empty, fix);

    /// <summary>
    /// As <see cref="Report(SourceSpan?, string, IEnumerable{RelatedSpan}?, Fix?, Severity?)"/>, with the message written
    /// when first read: for rules that can report thousands of findings in one file, which the limits mostly leave out.
    /// </summary>
    protected Finding Report(SourceSpan? span, Func<string> message, IEnumerable<RelatedSpan>? related = null, Fix? fix = null, Severity? severity = null) =>
        Finding.Deferred(Metadata, severity ?? Metadata.DefaultSeverity, message, span, related?.ToImmutableArray() ?? ImmutableArray<RelatedSpan>.Empty, fix);

    protected static RuleMetadata Define(string id, string name, string title, Severity severity, RuleCategory category,
        string rationale, string howToFix, params string[] tags) =>
        new(id, name, title, severity, category, tags.ToImmutableArray(), rationale, howToFix);
}

/// <summary>
/// A rule whose findings are the parse and bind diagnostics with its id (PVE0001–PVE0010, PVE9003): the
/// parsers find the problem, the rule gives it its metadata and severity.
/// </summary>
public abstract class DiagnosticRule : Rule
{
    public override IEnumerable<Finding> Check(ClusterModel model) =>
        model.Diagnostics.Where(d => d.Id == Metadata.Id)
            .Select(d => new Finding(Metadata, d.Severity ?? Metadata.DefaultSeverity, d.Message, d.Span, d.RelatedSpans, d.Fix) { Omitted = d.Omitted });
}
