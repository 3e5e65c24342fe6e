namespace PveLint.Cli.Commands;

/// <summary>The exit codes of INTERFACE.md.</summary>
public static class ExitCodes
{
    /// <summary>Nothing at or above --fail-on.</summary>
    public const int Clean = 0;

    /// <summary>Findings at or above --fail-on.</summary>
    public const int Findings = 1;

    /// <summary>Usage error or unreadable input.</summary>
    public const int Error = 2;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT; the program returns 143 for SIGTERM).</summary>
    public const int Interrupted = 130;
}
