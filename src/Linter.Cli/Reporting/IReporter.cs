namespace PveLint.Cli.Reporting;

/// <summary>Writes one output format of a scan. Reporters only format; they never decide the exit code.</summary>
public interface IReporter
{
    void Write(ScanReport report, TextWriter output);
}
