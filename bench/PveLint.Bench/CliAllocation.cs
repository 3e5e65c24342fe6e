namespace PveLint.Bench;

/// <summary>
/// What one run of the CLI allocates, end to end (reading the files, binding, the rules, the report): runs
/// <c>pvelint ARGS</c> in this process three times and prints each run's allocated bytes
/// (<see cref="GC.GetTotalAllocatedBytes"/>), and for a directory among the arguments that as a multiple of its files'
/// size (issue 14's goal: under 30x for the goal cluster). The first run also pays for start-up; the later ones are
/// the figure. Send the report elsewhere (<c>-o /dev/null</c>) to keep it off this output.
/// </summary>
internal static class CliAllocation
{
    public static void Run(TextWriter output, string[] cliArgs)
    {
        var entry = typeof(PveLint.Cli.Cli).Assembly.EntryPoint ?? throw new InvalidOperationException("pvelint has no entry point");
        var inputBytes = cliArgs.Where(Directory.Exists)
            .Sum(d => new DirectoryInfo(d).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length));
        for (var run = 1; run <= 3; run++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var exit = entry.Invoke(null, [cliArgs]);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            var ratio = inputBytes > 0 ? $", {(double)allocated / inputBytes:F1}x the {inputBytes / 1048576.0:F2} MiB of input" : "";
            output.WriteLine($"run {run}: {allocated / 1048576.0:F1} MiB allocated{ratio} (exit code {exit})");
        }
    }
}
