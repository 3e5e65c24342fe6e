using PveLint.SectionConfig;
using PveLint.Text;

namespace PveLint.Diagnostics;

/// <summary>
/// Caps how many diagnostics of one id a single file reports, so a huge or garbage file (millions of junk lines)
/// cannot flood memory and output. Beyond the cap one summary diagnostic per id says how many were left out.
/// Budgets nest: a summary from an inner budget (<see cref="Diagnostic.Omitted"/>) is added to this one's
/// count instead of being passed on, so the reader's cap and the <see cref="Binding.BindContext"/>'s cap give
/// one summary with the right total.
/// </summary>
/// <param name="sink">Where kept diagnostics and summaries go.</param>
/// <param name="perIdLimit">How many diagnostics of one id are kept.</param>
/// <param name="exempt">Diagnostics kept beyond the cap, asked only once the cap is reached (the binder exempts
/// lines that a suppression comment names, so that cutting never leaves a suppression without its finding).</param>
public sealed class DiagnosticBudget(Action<Diagnostic> sink, int perIdLimit = DiagnosticBudget.DefaultPerIdLimit, Func<Diagnostic, bool>? exempt = null)
{
    public const int DefaultPerIdLimit = 500;

    /// <summary>A budget for the diagnostics of one file that never cuts a line a suppression comment names.</summary>
    public static DiagnosticBudget ForFile(SourceFile file, Action<Diagnostic> sink)
    {
        HashSet<int>? suppressed = null;
        return new DiagnosticBudget(sink, DefaultPerIdLimit,
            d => d.Span is { } s && s.Path == file.Path && (suppressed ??= SuppressionLines.Targets(file)).Contains(s.Line));
    }

    private readonly Dictionary<string, (int Kept, int Dropped, SourceSpan? FirstDropped)> _counts = new(StringComparer.Ordinal);

    public void Report(Diagnostic diagnostic)
    {
        var (kept, dropped, firstDropped) = _counts.GetValueOrDefault(diagnostic.Id);
        if (diagnostic.Omitted > 0)
        {
            dropped += diagnostic.Omitted;
            firstDropped ??= diagnostic.Span;
        }
        else if (kept < perIdLimit)
        {
            kept++;
            sink(diagnostic);
        }
        else if (exempt?.Invoke(diagnostic) == true)
        {
            sink(diagnostic);
        }
        else
        {
            dropped++;
            firstDropped ??= diagnostic.Span;
        }
        _counts[diagnostic.Id] = (kept, dropped, firstDropped);
    }

    public void Report(string id, SourceSpan span, string message) => Report(Diagnostic.At(id, span, message));

    /// <summary>One summary per id that went over the cap, at the first diagnostic left out.</summary>
    public IEnumerable<Diagnostic> Summaries() =>
        _counts.Where(c => c.Value.Dropped > 0).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new Diagnostic(c.Key,
                $"{c.Value.Dropped} more {MessageText.Short(c.Key)} problems in this file are not reported; the first {c.Value.Kept} are.",
                c.Value.FirstDropped) { Omitted = c.Value.Dropped });

    /// <summary>Reports the summaries and starts counting afresh.</summary>
    public void Flush()
    {
        foreach (var summary in Summaries().ToList()) sink(summary);
        _counts.Clear();
    }
}
