using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Cli.Sources;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Cli.Scanning;

/// <summary>What one <c>scan</c> needs besides the PATHs: the pipeline's knobs, already validated.</summary>
public sealed record ScanSettings(
    string? ConfigFile,
    TargetRelease? Target,
    Baseline? Baseline,
    SourceLimits Limits,
    ImmutableArray<Rule> Rules)
{
    /// <summary><c>--max-failures</c>: overrides <c>policy.max-failures</c> of .pvelint.yaml for the simulation.</summary>
    public int? MaxFailures { get; init; }

    /// <summary>Ctrl-C: checked while the sources read and between the pipeline's steps.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary><c>--select</c>/<c>--ignore</c>, combined per cluster with <c>select:</c>/<c>ignore:</c> of its .pvelint.yaml.</summary>
    public RuleSelection Selection { get; init; } = RuleSelection.All;
}

/// <summary>The pipeline for one PATH: ConfigTree → ClusterBinder.Bind → LintEngine.Run.</summary>
public static class ScanRunner
{
    public static ClusterScan Scan(string path, string repoRoot, ScanSettings settings)
    {
        var source = SourceLoader.Load(path, repoRoot, settings.Limits, settings.ConfigFile, settings.Cancellation);
        settings.Cancellation.ThrowIfCancellationRequested();
        var model = ClusterBinder.Bind(source.Tree, settings.Target);
        if (settings.MaxFailures is { } maxFailures)
            model = model with { Config = model.Config with { Policy = model.Config.Policy with { MaxFailures = maxFailures } } };
        settings.Cancellation.ThrowIfCancellationRequested();
        if (settings.Rules.Any(r => r.Metadata.Category == RuleCategory.Resilience)) PostBindCollection.BeforeSimulation(source.Tree);
        return new ClusterScan(source, model, Lint(model, settings.Baseline, settings));
    }

    /// <summary>
    /// Every rule runs (so a suppression of a rule that is not selected still counts as used); the selection then
    /// decides which findings are reported.
    /// </summary>
    public static LintResult Lint(ClusterModel model, Baseline? baseline, ScanSettings settings)
    {
        var result = LintEngine.Run(model, baseline, settings.Rules);
        var selection = SelectionFor(model.Config, settings.Selection);
        return selection.IsAll ? result : result with { Findings = result.Findings.Where(f => selection.Includes(f.RuleId)).ToImmutableArray() };
    }

    /// <summary>
    /// --select replaces select: of .pvelint.yaml (as in ruff); ignore: and --ignore both apply. Unknown entries of
    /// the file are left out (they are PVE9002 findings), so a misspelt select: never silences everything.
    /// </summary>
    public static RuleSelection SelectionFor(LinterConfig config, RuleSelection commandLine) => new(
        commandLine.Select.IsEmpty ? Known(config.Select) : commandLine.Select,
        Known(config.Ignore).AddRange(commandLine.Ignore));

    private static ImmutableArray<string> Known(ImmutableArray<Located<string>> entries) =>
        entries.Select(e => e.Value).Where(RuleSelection.IsKnown).ToImmutableArray();
}
