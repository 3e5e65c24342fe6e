using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Binding;

/// <summary>
/// What every reader (parse + bind of one format) gets: the target release and a diagnostics sink. The sink keeps
/// at most <see cref="DiagnosticBudget.DefaultPerIdLimit"/> diagnostics per file and id, whichever reader reports
/// them, and summarises the rest, so no input file can fill memory with diagnostics. Lines that a
/// <c>pvelint-disable-next-line</c> comment names are never cut, so the rule engine can still match them.
/// </summary>
public sealed class BindContext
{
    private List<Diagnostic>? _diagnostics; // made on the first report: a recorder per guest config, and most get none
    private Dictionary<string, DiagnosticBudget>? _budgets; // made on the first report: most recorders never get one
    private readonly IReadOnlyDictionary<string, SourceFile>? _sources;
    private bool _recordOnly;

    /// <param name="target">The PVE release the files are checked against.</param>
    /// <param name="sources">The files being read, by path: their suppression comments exempt lines from the cap.</param>
    public BindContext(TargetRelease target = TargetReleases.Default, IReadOnlyDictionary<string, SourceFile>? sources = null)
    {
        Target = target;
        _sources = sources;
    }

    public TargetRelease Target { get; }

    /// <summary>The diagnostics reported so far, then one summary per file and id that went over the cap.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics
    {
        get
        {
            var summaries = _budgets?.Values.SelectMany(b => b.Summaries()).ToList() ?? [];
            if (summaries.Count == 0) return Recorded;
            return [.. Recorded, .. summaries];
        }
    }

    /// <summary>
    /// A context that keeps every diagnostic as reported, uncapped, so that work done in parallel can hand its
    /// diagnostics to the real context (<see cref="ReportAll"/> of <see cref="Recorded"/>) in a fixed order.
    /// </summary>
    public static BindContext Recorder(TargetRelease target) => new(target) { _recordOnly = true };

    /// <summary>What a <see cref="Recorder"/> was told, in order, or null when nothing; the recorder starts empty again.</summary>
    public IReadOnlyList<Diagnostic>? TakeRecorded()
    {
        var recorded = _diagnostics;
        _diagnostics = null;
        return recorded;
    }

    /// <summary>What a <see cref="Recorder"/> was told, in order.</summary>
    public IReadOnlyList<Diagnostic> Recorded => _diagnostics ?? (IReadOnlyList<Diagnostic>)[];

    public void Report(Diagnostic diagnostic)
    {
        if (_recordOnly)
        {
            Keep(diagnostic);
            return;
        }
        var path = diagnostic.Span?.Path ?? "";
        _budgets ??= new(StringComparer.Ordinal);
        if (!_budgets.TryGetValue(path, out var budget))
            _budgets[path] = budget = _sources?.GetValueOrDefault(path) is { } file
                ? DiagnosticBudget.ForFile(file, Keep)
                : new DiagnosticBudget(Keep);
        budget.Report(diagnostic);
    }

    private void Keep(Diagnostic diagnostic) => (_diagnostics ??= []).Add(diagnostic);

    public void Report(string id, SourceSpan span, string message) => Report(Diagnostic.At(id, span, message));

    public void ReportAll(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics) Report(diagnostic);
    }
}
