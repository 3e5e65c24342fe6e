namespace Linter.Cli.Tests.Support;

/// <summary>
/// A fact that publishes the CLI as a native AOT executable (about a minute and a half): it runs when
/// PVELINT_AOT_LIVE=1 (.ci/run sets it) and clang is on PATH, and says why it is skipped otherwise.
/// </summary>
internal sealed class AotPublishFactAttribute : FactAttribute
{
    public AotPublishFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("PVELINT_AOT_LIVE") != "1")
            Skip = "native AOT publish of the CLI: set PVELINT_AOT_LIVE=1 (.ci/run does) to build it and compare it with the JIT build";
        else if (!OnPath("clang"))
            Skip = "native AOT needs clang (apt-get install clang) to link the executable";
        else if (!File.Exists(Path.Combine(ToolPackagingFactAttribute.CliProjectDirectory, "obj", "project.assets.json")))
            Skip = "needs src/Linter.Cli restored beside the tests";
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
