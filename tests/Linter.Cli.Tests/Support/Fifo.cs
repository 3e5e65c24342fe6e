using System.Diagnostics;

namespace Linter.Cli.Tests.Support;

/// <summary>Named pipes for tests: opening one for reading blocks until a writer comes, which pvelint must never wait for unasked.</summary>
internal static class Fifo
{
    public static string Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>Runs <paramref name="action"/>, failing the test instead of hanging it when it blocks.</summary>
    public static T WithinSeconds<T>(int seconds, Func<T> action)
    {
        var task = Task.Run(action);
        Assert.True(task.Wait(TimeSpan.FromSeconds(seconds)), $"blocked for more than {seconds} s");
        return task.Result;
    }
}
