namespace PveLint.Fuzz.Targets;

/// <summary>Every fuzz target, in the order run.sh runs them.</summary>
internal static class TargetCatalog
{
    public static IReadOnlyList<FuzzTarget> All { get; } = [.. ParserTargets.All, .. SourceTargets.All, PipelineTarget.Target];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
