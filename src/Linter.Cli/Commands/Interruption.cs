using System.Runtime.InteropServices;
using PveLint.Cli.Sources;

namespace PveLint.Cli.Commands;

/// <summary>
/// Ctrl-C and SIGTERM: the first signal cancels the scan (the sources check the token between entries, and
/// SQLite through its progress handler), which then ends with exit code 130 (143 for SIGTERM) after every
/// scratch copy is deleted. Work that does not notice the token within <see cref="Grace"/>, and a second
/// signal, end the process at once, again after deleting the scratch copies.
/// </summary>
public sealed class Interruption : IDisposable
{
    public const int SigIntExitCode = 130;
    public const int SigTermExitCode = 143;
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    private readonly CancellationTokenSource _cancellation = new();
    private readonly List<PosixSignalRegistration> _registrations = new();
    private int _exitCode;

    public Interruption()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try { _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal)); }
            catch (PlatformNotSupportedException) { }
        }
    }

    public CancellationToken Token => _cancellation.Token;

    /// <summary>The exit code for a run that ended because of a signal.</summary>
    public int ExitCode => _exitCode == 0 ? SigIntExitCode : _exitCode;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // not the default termination: let the scan unwind and clean up
        var code = context.Signal == PosixSignal.SIGTERM ? SigTermExitCode : SigIntExitCode;
        if (Interlocked.CompareExchange(ref _exitCode, code, 0) != 0) ForceExit(code);
        _cancellation.Cancel();
        _ = Task.Delay(Grace).ContinueWith(_ => ForceExit(code), TaskScheduler.Default);
    }

    private static void ForceExit(int code)
    {
        ScratchDirectory.DeleteAll();
        try { Console.Error.WriteLine("pvelint: interrupted"); } catch (IOException) { }
        Environment.Exit(code);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _cancellation.Dispose();
    }
}
