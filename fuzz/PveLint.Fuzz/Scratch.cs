namespace PveLint.Fuzz;

/// <summary>
/// The private folders of one fuzzing process: <see cref="Input"/> holds the file a source target scans (and must
/// hold nothing else afterwards: pvelint never writes beside its input), <see cref="Temp"/> is TMPDIR (and must be
/// empty afterwards: temp copies of a config.db are removed). Under $PVELINT_FUZZ_SCRATCH when set (run.sh puts it
/// in its output folder), else in /dev/shm or the system temp folder; removed when the process ends normally.
/// </summary>
internal sealed class Scratch
{
    private static readonly Lazy<Scratch> Instance = new(() => new Scratch());

    private Scratch()
    {
        var parent = Environment.GetEnvironmentVariable("PVELINT_FUZZ_SCRATCH") is { Length: > 0 } given ? given
            : Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        Root = Path.Combine(parent, $"pvelint-fuzz-{Environment.ProcessId}");
        Input = Directory.CreateDirectory(Path.Combine(Root, "input")).FullName;
        Temp = Directory.CreateDirectory(Path.Combine(Root, "tmp")).FullName;
        // Path.GetTempPath() reads TMPDIR on every call, so the code under test puts its temp files here.
        Environment.SetEnvironmentVariable("TMPDIR", Temp + "/");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete();
    }

    public static Scratch Current => Instance.Value;

    public string Root { get; }
    public string Input { get; }
    public string Temp { get; }

    /// <summary>Empties both folders before an input runs, so one input's leftovers do not fail the next.</summary>
    public void Reset()
    {
        foreach (var dir in new[] { Input, Temp })
            foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos())
                if (entry is DirectoryInfo d) d.Delete(recursive: true); else entry.Delete();
    }

    /// <summary>Names what is left in the input folder besides the expected files, and anything in the temp folder.</summary>
    public IEnumerable<string> Leftovers(params string[] expectedInputs) =>
        Directory.EnumerateFileSystemEntries(Input).Where(p => !expectedInputs.Contains(Path.GetFileName(p)))
            .Concat(Directory.EnumerateFileSystemEntries(Temp));

    private void Delete()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
