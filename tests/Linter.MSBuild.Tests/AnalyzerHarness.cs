using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PveLint.MSBuild;

namespace Linter.MSBuild.Tests;

/// <summary>Runs the analyzer over in-memory cluster files in a CSharpCompilation, as the compiler would.</summary>
internal static class AnalyzerHarness
{
    public const string Root = "/repo";

    private sealed class GlobalOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }

    private sealed class OptionsProvider(AnalyzerConfigOptions global) : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Empty = new GlobalOptions(ImmutableDictionary<string, string>.Empty);

        public override AnalyzerConfigOptions GlobalOptions => global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;
    }

    /// <summary>Files keyed by path relative to the scan root; returns every analyzer diagnostic.</summary>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(IDictionary<string, string> files, CancellationToken cancellationToken = default,
        string root = Root)
    {
        var texts = files.Select(kv => (AdditionalText)new InMemoryAdditionalText($"{root}/{kv.Key}", kv.Value)).ToImmutableArray();
        var global = new GlobalOptions(ImmutableDictionary<string, string>.Empty.Add(PveLintAnalyzer.RootProperty, root));
        var options = new AnalyzerOptions(texts, new OptionsProvider(global));
        var compilation = CSharpCompilation.Create("config", options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        // An exception escaping the analyzer is what the compiler reports as AD0001: collect it as such.
        var crashes = new List<Diagnostic>();
        void OnException(Exception e, DiagnosticAnalyzer a, Diagnostic d) { lock (crashes) crashes.Add(d); }
        var withAnalyzers = compilation.WithAnalyzers([new PveLintAnalyzer()], new CompilationWithAnalyzersOptions(options, OnException, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
        return diagnostics.AddRange(crashes);
    }

    /// <summary><c>etc/pve/x(line,col): ID</c> for each diagnostic, 1-based like the compiler prints.</summary>
    public static string[] Format(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            var path = span.Path.StartsWith(Root + "/", StringComparison.Ordinal) ? span.Path[(Root.Length + 1)..] : span.Path;
            return d.Location == Location.None
                ? $"{d.Id} {d.Severity}"
                : $"{path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Id} {d.Severity}";
        }).OrderBy(s => s, StringComparer.Ordinal).ToArray();
}
