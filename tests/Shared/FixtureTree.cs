using PveLint.Sources;

namespace PveLint.Tests;

/// <summary>Loads a fixture folder that is laid out as a scan root into a ConfigTree (logical path = relative path).</summary>
internal static class FixtureTree
{
    public const string ExpectedFile = "expected-findings.txt";

    public static ConfigTree Load(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != ExpectedFile)
            .Order(StringComparer.Ordinal)
            .Select(f =>
            {
                var relative = Path.GetRelativePath(directory, f).Replace('\\', '/');
                return new ConfigFile(relative, File.ReadAllText(f), relative);
            }));
}
