using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Binding;

/// <summary>What every reader (parse + bind of one format) gets: the target release and a diagnostics sink.</summary>
public sealed class BindContext
{
    private readonly List<Diagnostic> _diagnostics = new();

    public BindContext(TargetRelease target = TargetReleases.Default) => Target = target;

    public TargetRelease Target { get; }

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public void Report(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);

    public void Report(string id, SourceSpan span, string message) => _diagnostics.Add(Diagnostic.At(id, span, message));

    public void ReportAll(IEnumerable<Diagnostic> diagnostics) => _diagnostics.AddRange(diagnostics);
}
