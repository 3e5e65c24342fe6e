namespace Linter.Cli.Tests.Support;

/// <summary>
/// A fact that runs pvelint under a pseudo-terminal with util-linux <c>script</c>; skipped with the reason where
/// <c>script</c> is not installed.
/// </summary>
internal sealed class PseudoTerminalFactAttribute : FactAttribute
{
    public PseudoTerminalFactAttribute()
    {
        if (!new[] { "/usr/bin/script", "/bin/script" }.Any(File.Exists))
            Skip = "needs util-linux 'script' to give pvelint a pseudo-terminal";
    }
}
