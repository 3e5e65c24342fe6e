using PveLint.Sources;

namespace PveLint.Cli.Sources;

/// <summary>Finds the <c>.pvelint.yaml</c> of a scan: at the scan root or above it, but not above the repository root.</summary>
public static class LinterConfigLocator
{
    public static string? Find(string startDirectory, string repoRoot)
    {
        var stayInside = PathContainment.IsUnder(repoRoot, startDirectory);
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ScanRootLayout.LinterConfigName);
            // A link is returned even when it leads nowhere, so the caller can say why it is not read.
            if (Path.Exists(candidate) || new FileInfo(candidate).LinkTarget is not null) return candidate;
            if (!stayInside || string.Equals(dir.FullName.TrimEnd('/'), repoRoot.TrimEnd('/'), StringComparison.Ordinal)) break;
        }
        return null;
    }
}
