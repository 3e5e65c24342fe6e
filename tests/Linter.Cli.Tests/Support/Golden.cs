using System.Runtime.CompilerServices;

namespace Linter.Cli.Tests.Support;

/// <summary>
/// Golden files (dotnet-notes.md §5): compares against golden/&lt;name&gt; in the source tree, writes
/// &lt;name&gt;.received beside it on a mismatch, and rewrites the golden only when UPDATE_GOLDEN=1.
/// </summary>
internal static class Golden
{
    public static void Verify(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(ProjectDirectory(callerFile), "golden");
        var path = Path.Combine(directory, name);
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"golden file missing: {path} (run with UPDATE_GOLDEN=1 and review the diff)");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            File.WriteAllText(path + ".received", actual);
            Assert.Equal(expected, actual);
        }
        else if (File.Exists(path + ".received"))
        {
            File.Delete(path + ".received");
        }
    }

    /// <summary>The test project's folder: golden/ lives there whatever subfolder the calling test is in.</summary>
    private static string ProjectDirectory(string callerFile)
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(callerFile)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Linter.Cli.Tests.csproj"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Linter.Cli.Tests.csproj not found above " + callerFile);
    }
}
