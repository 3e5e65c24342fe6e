using PveLint.Sources;

namespace PveLint.Tests;

/// <summary>
/// A fixture folder laid out as a scan root, and its expected-findings.txt (one <c>path(line,col)</c> per line;
/// blank lines and '#' comments ignored), read the same way by the engine and the analyzer tests.
/// </summary>
internal static class FixtureTree
{
    public const string ExpectedFile = "expected-findings.txt";

    /// <summary>Every file of the fixture but the expectations, keyed by its path relative to the folder.</summary>
    public static SortedDictionary<string, string> Files(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != ExpectedFile)
            .ToDictionary(f => Path.GetRelativePath(directory, f).Replace('\\', '/'), File.ReadAllText), StringComparer.Ordinal);

    public static ConfigTree Load(string directory) =>
        new(Files(directory).Select(kv => new ConfigFile(kv.Key, kv.Value, kv.Key)));

    /// <summary>The expected findings of a bad fixture; fails the test when the file is missing.</summary>
    public static string[] ExpectedFindings(string directory)
    {
        var path = Path.Combine(directory, ExpectedFile);
        Assert.True(File.Exists(path), $"missing {path}");
        return File.ReadAllLines(path).Where(l => l.Trim().Length > 0 && !l.StartsWith('#')).ToArray();
    }
}
