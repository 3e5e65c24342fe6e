using System.Diagnostics;

namespace Linter.Cli.Tests.Support;

/// <summary>
/// Runs the built pvelint (pvelint.dll beside the tests) as a real process, for what an in-process run cannot
/// show: signals, closed or full standard streams, and another user's permissions (root reads everything, so
/// <see cref="AsNobody"/> drops to uid 65534 with setpriv when the tests run as root).
/// </summary>
internal static class PvelintProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "pvelint.dll");

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>A shell command line that runs pvelint with <paramref name="args"/> (already shell-quoted).</summary>
    public static string Command(string args, bool asNobody = false) =>
        (asNobody ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "") + $"'{DotnetHost}' '{Dll}' {args}";

    public static string DotnetHost => Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    /// <summary>Runs a shell command; returns exit code, stdout and stderr.</summary>
    public static CliRun Shell(string command, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (environment is not null) foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{command}' did not finish");
        }
        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
