using PveLint.Binding;
using PveLint.Cli.Sources;

namespace PveLint.Fuzz.Oracles;

/// <summary>What a source must never hand on: a logical path that climbs, is absolute, or names a secret.</summary>
internal static class TreeOracle
{
    public static void Check(LoadedSource source)
    {
        foreach (var file in source.Tree.Files)
        {
            var p = file.Path;
            if (p.Length == 0 || p.StartsWith('/') || p.Contains('\\') || p.Split('/').Any(s => s is "" or "." or ".."))
                throw new OracleViolation($"the source produced the unsafe logical path '{p}'");
            if (ClusterBinder.IsSecret(p))
                throw new OracleViolation($"the source read the secret file '{p}'");
        }
        foreach (var d in source.Tree.SourceDiagnostics)
            if (d.Span is { } span && span.Line < 1)
                throw new OracleViolation($"{d.Id} has a span before the first line: {d.Message}");
    }
}
