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
        var result = LintEngine.Run(model, settings.Baseline, settings.Rules);
        return new ClusterScan(source, model, result);
    }
}
