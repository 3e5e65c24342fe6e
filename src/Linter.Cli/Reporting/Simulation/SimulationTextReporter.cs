namespace PveLint.Cli.Reporting.Simulation;

/// <summary>The scenario table for a terminal: one block per scenario, then the assumptions.</summary>
public static class SimulationTextReporter
{
    public static void Write(SimulationReport report, TextWriter output)
    {
        var result = report.Result;
        output.WriteLine($"{TextEscaping.Line(report.Path)}: {result.Scenarios.Length} scenarios (up to {result.MaxFailures} simultaneous failure{(result.MaxFailures == 1 ? "" : "s")})");
        foreach (var v in result.Scenarios)
        {
            output.WriteLine();
            output.WriteLine(TextEscaping.Line(v.Scenario.Title));
            output.WriteLine($"  quorum:  {TextEscaping.Line(SimulationReport.Partitions(v))}");
            output.WriteLine($"  fenced:  {TextEscaping.Line(SimulationReport.Fenced(v))}");
            output.WriteLine($"  HA:      {TextEscaping.Line(SimulationReport.Services(v, " -> "))}");
            if (v.Ceph is not null) output.WriteLine($"  Ceph:    {TextEscaping.Line(SimulationReport.Ceph(v))}");
            foreach (var assumption in v.Scenario.Assumptions) output.WriteLine($"  assumed: {TextEscaping.Line(assumption)}");
        }
        if (!result.Notes.IsEmpty)
        {
            output.WriteLine();
            foreach (var note in result.Notes) output.WriteLine($"note: {TextEscaping.Line(note)}");
        }
    }
}
