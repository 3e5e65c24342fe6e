using System.Collections.Immutable;
using PveLint.Diagnostics;

namespace PveLint.SectionConfig;

/// <summary>
/// One mistake, one finding: problems the binder meets only because of a syntax mistake the scanner already
/// reported (a key repeated because a header was swallowed, a value rejected because of an inline comment) become
/// related locations of that root diagnostic instead of findings of their own.
/// </summary>
internal sealed class RootCauses
{
    /// <summary>A swallowed header can drag thousands of lines along: a finding lists this many, and counts the rest.</summary>
    private const int MaxListed = 20;

    private sealed record Entry(List<RelatedSpan> Consequences, Severity? RaiseTo)
    {
        public int Count { get; set; }
    }

    private readonly Dictionary<(string Id, int Line), Entry> _entries = new();

    /// <summary>Files <paramref name="consequence"/> under the <paramref name="rootId"/> diagnostic that starts on <paramref name="rootLine"/>.</summary>
    public void Add(string rootId, int rootLine, Diagnostic consequence, Severity? raiseTo = null)
    {
        if (consequence.Span is not { } span) return;
        if (!_entries.TryGetValue((rootId, rootLine), out var entry))
            _entries[(rootId, rootLine)] = entry = new Entry([], raiseTo);
        else if (raiseTo > entry.RaiseTo || entry.RaiseTo is null)
            _entries[(rootId, rootLine)] = entry = entry with { RaiseTo = raiseTo ?? entry.RaiseTo };
        if (++entry.Count <= MaxListed) entry.Consequences.Add(new RelatedSpan(span, consequence.Message));
    }

    /// <summary>The diagnostics with their consequences attached: related spans, a sentence that says so, and the raised severity.</summary>
    public IEnumerable<Diagnostic> Attach(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            if (d.Span is not { } span || !_entries.TryGetValue((d.Id, span.Line), out var entry))
            {
                yield return d;
                continue;
            }
            var consequences = entry.Consequences;
            var sentence = entry.Count == 1
                ? $" Because of it: {consequences[0].Message}"
                : $" {entry.Count} more problems follow from it; {(entry.Count > MaxListed ? $"the first {MaxListed} are" : "they are")} listed as related locations.";
            yield return d with
            {
                Message = d.Message + sentence,
                Related = d.RelatedSpans.AddRange(consequences),
                Severity = entry.RaiseTo ?? d.Severity,
            };
        }
    }
}
