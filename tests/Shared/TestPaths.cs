namespace PveLint.Tests;

/// <summary>
/// Where tests find the repository, its fixtures, and the shared corpus and SARIF schema that CI places
/// beside the clone (../shared). Tests read nothing else from ../shared.
/// </summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Linter.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Linter.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepoRoot => Root.Value;

    public static string Fixtures => Path.Combine(RepoRoot, "tests", "fixtures");

    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Corpus => Path.Combine(Shared, "corpus");

    public static string PveCorpus => Path.Combine(Corpus, "pve");

    public static string CephCorpus => Path.Combine(Corpus, "ceph");

    public static string SarifSchema => Path.Combine(Shared, "schemas", "sarif-2.1.0.json");

    public static string CorpusFile(params string[] parts) => Path.Combine([Corpus, .. parts]);
}
