using System.Diagnostics;

namespace PveLint.Fuzz;

/// <summary>
/// Runs saved inputs (AFL's crashes/ and hangs/, or a seed folder) once each, in this process, each on a fresh thread
/// with a time limit, and prints one line per input: ok, crash (with the exception) or hang. A hang ends the process,
/// since a running thread cannot be stopped; a stack overflow ends it too (the line before names the input).
/// </summary>
internal static class Replay
{
    public static int Run(FuzzTarget target, IReadOnlyList<string> arguments)
    {
        var timeout = TimeSpan.FromMilliseconds(10_000);
        var paths = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == "--timeout-ms" && i + 1 < arguments.Count && int.TryParse(arguments[i + 1], out var ms)) { timeout = TimeSpan.FromMilliseconds(ms); i++; }
            else paths.Add(arguments[i]);
        }

        var failures = 0;
        foreach (var file in paths.SelectMany(Expand))
        {
            Console.Out.Write($"{file}: ");
            Console.Out.Flush();
            Exception? failure = null;
            var clock = Stopwatch.StartNew();
            var worker = new Thread(() =>
            {
                try { target.Run(File.ReadAllBytes(file)); }
                catch (Exception e) { failure = e; }
            });
            worker.Start();
            if (!worker.Join(timeout))
            {
                Console.Out.WriteLine($"HANG (still running after {timeout.TotalMilliseconds:0} ms)");
                Console.Out.Flush();
                Environment.Exit(1);
            }
            if (failure is null)
            {
                Console.Out.WriteLine($"ok ({clock.ElapsedMilliseconds} ms)");
                continue;
            }
            failures++;
            Console.Out.WriteLine($"CRASH {failure.GetType().FullName}: {failure.Message}");
            Console.Out.WriteLine(string.Join('\n', (failure.StackTrace ?? "").Split('\n').Take(12)));
        }
        return failures == 0 ? 0 : 1;
    }

    private static IEnumerable<string> Expand(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(f => !Path.GetFileName(f).StartsWith("README", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : [path];
}
