namespace Linter.Cli.Tests.Support;

internal static class SarifText
{
    /// <summary>Replaces the absolute file URIs of the scan root and of the working directory with placeholders.</summary>
    public static string WithoutMachinePaths(string sarif, string repoRoot) => sarif
        .Replace(new Uri(Path.TrimEndingDirectorySeparator(repoRoot) + "/").AbsoluteUri, "file:///REPO_ROOT/")
        .Replace(new Uri(Path.TrimEndingDirectorySeparator(Environment.CurrentDirectory) + "/").AbsoluteUri, "file:///WORKING_DIRECTORY/");
}
