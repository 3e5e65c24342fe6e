using PveLint.Tests;

namespace Linter.Cli.Tests.Support;

/// <summary>
/// A fact that packs the CLI as a .NET tool and installs it from a local folder feed. It needs nothing from a
/// NuGet server: the pack reuses the restore and build the test run already made (<c>--no-build</c>), and the
/// install reads only a feed folder it writes itself (dotnet.md: this machine's NuGet copy serves only some
/// packages, and CI may have none). Skipped with the reason where the CLI project has not been restored here.
/// </summary>
internal sealed class ToolPackagingFactAttribute : FactAttribute
{
    public ToolPackagingFactAttribute()
    {
        if (!File.Exists(Path.Combine(CliProjectDirectory, "obj", "project.assets.json")))
            Skip = "needs src/Linter.Cli restored and built beside the tests to pack it offline";
    }

    public static string CliProjectDirectory => Path.Combine(TestPaths.RepoRoot, "src", "Linter.Cli");
}
