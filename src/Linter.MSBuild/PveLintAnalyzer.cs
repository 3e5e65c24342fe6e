using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PveLint.Binding;
using PveLint.Rules.Engine;
using PveLint.Sources;
using PveLint.Text;

namespace PveLint.MSBuild;

/// <summary>
/// Runs the pvelint engine, once per compilation, over the cluster files the package's targets add as
/// AdditionalFiles, and reports every finding at its exact place in those files. It has no rules of its own;
/// it reads only through <see cref="AdditionalText.GetText"/>, and only files whose final target passes
/// <see cref="AdditionalFileGuard"/>; and an internal error becomes one PVE9000.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PveLintAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The MSBuild property (made compiler-visible by the targets) that names the scan root.</summary>
    public const string RootProperty = "build_property.PveLintRoot";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => RuleDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationAction(Analyze);
    }

    private static void Analyze(CompilationAnalysisContext context)
    {
        var current = "the cluster files";
        try
        {
            context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(RootProperty, out var root);
            var texts = new Dictionary<string, (AdditionalText File, SourceText Text)>(StringComparer.Ordinal);
            var files = new List<ConfigFile>();
            var refused = new List<PveLint.Diagnostics.Diagnostic>();
            foreach (var additional in context.Options.AdditionalFiles.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (ClusterFileLocator.LogicalPath(additional.Path, root) is not { } logical || texts.ContainsKey(logical)) continue;
                current = additional.Path;
                if (AdditionalFileGuard.Refusal(additional.Path, logical, root) is { } refusal)
                {
                    // Reported on the file itself, whose text is never read.
                    texts[logical] = (additional, SourceText.From(""));
                    refused.Add(new PveLint.Diagnostics.Diagnostic(PveLint.Diagnostics.DiagnosticIds.UnreadableInput, $"{logical}: {refusal}", SourceSpan.WholeFile(logical)));
                    continue;
                }
                var text = additional.GetText(context.CancellationToken);
                if (text is null) continue;
                texts[logical] = (additional, text);
                files.Add(new ConfigFile(logical, text.ToString(), additional.Path));
            }
            if (files.Count == 0 && refused.Count == 0) return;

            current = "the cluster files";
            var model = ClusterBinder.Bind(new ConfigTree(files, refused));
            var result = LintEngine.Run(model, cancellationToken: context.CancellationToken);
            foreach (var finding in result.Findings)
            {
                var descriptor = RuleDescriptors.ByRuleId[finding.RuleId];
                var location = LocationOf(finding.Span, texts);
                var related = finding.Related.Select(r => LocationOf(r.Span, texts)).Where(l => l != Location.None);
                context.ReportDiagnostic(Diagnostic.Create(descriptor, location, RuleDescriptors.ToRoslyn(finding.Severity),
                    related, properties: null, finding.Message));
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            context.ReportDiagnostic(Diagnostic.Create(RuleDescriptors.InternalError, Location.None, current, $"{e.GetType().Name}: {e.Message}"));
        }
    }

    /// <summary>The Roslyn location of a 1-based span in one of the additional files (Location.None when there is none).</summary>
    internal static Location LocationOf(SourceSpan? span, IReadOnlyDictionary<string, (AdditionalText File, SourceText Text)> texts)
    {
        if (span is not { } s || !texts.TryGetValue(s.Path, out var entry)) return Location.None;
        var text = entry.Text;
        if (text.Lines.Count == 0) return Location.Create(entry.File.Path, default, default);
        int Offset(int line, int column)
        {
            var l = text.Lines[Math.Min(Math.Max(line, 1), text.Lines.Count) - 1];
            return Math.Min(l.Start + Math.Max(column, 1) - 1, l.EndIncludingLineBreak);
        }
        var start = Offset(s.Line, s.Column);
        var end = Math.Max(start, Offset(s.EndLine, s.EndColumn));
        var textSpan = TextSpan.FromBounds(start, end);
        return Location.Create(entry.File.Path, textSpan, text.Lines.GetLinePositionSpan(textSpan));
    }
}
