using PveLint.Diagnostics;
using PveLint.Text;

namespace PveLint.SectionConfig;

/// <summary>
/// Caps how many diagnostics of one id a single file reports, so a huge or garbage file (millions of junk lines)
/// cannot flood memory and output. Beyond the cap one summary diagnostic per id says how many were left out.
/// </summary>
public sealed class DiagnosticBudget(Action<Diagnostic> sink, int perIdLimit = DiagnosticBudget.DefaultPerIdLimit)
{
    public const int DefaultPerIdLimit = 500;

    private readonly Dictionary<string, (int Count, SourceSpan? FirstDropped)> _counts = new(StringComparer.Ordinal);

    public void Report(Diagnostic diagnostic)
    {
        var (count, firstDropped) = _counts.GetValueOrDefault(diagnostic.Id);
        count++;
        if (count > perIdLimit) firstDropped ??= diagnostic.Span;
        else sink(diagnostic);
        _counts[diagnostic.Id] = (count, firstDropped);
    }

    public void Report(string id, SourceSpan span, string message) => Report(Diagnostic.At(id, span, message));

    /// <summary>Reports one summary per id that went over the cap.</summary>
    public void Flush()
    {
        foreach (var (id, (count, firstDropped)) in _counts.Where(c => c.Value.Count > perIdLimit).OrderBy(c => c.Key, StringComparer.Ordinal))
            sink(new Diagnostic(id, $"{count - perIdLimit} more {MessageText.Short(id)} problems in this file are not reported; the first {perIdLimit} are.", firstDropped));
        _counts.Clear();
    }
}
