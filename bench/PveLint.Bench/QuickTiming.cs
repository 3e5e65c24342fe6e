using System.Diagnostics;
using PveLint.Analysis.HighAvailability.Placement;
using PveLint.Binding;
using PveLint.Rules.Engine;
using PveLint.Simulation;

namespace PveLint.Bench;

/// <summary>One timed pass over the goal cluster per step, the third of three runs (after JIT): a quick look, not a measurement.</summary>
public static class QuickTiming
{
    public static void Run(TextWriter output, ClusterShape shape)
    {
        var tree = Time(output, "generate", () => ClusterGenerator.Generate(shape));
        output.WriteLine($"cluster {shape}: {tree.Files.Count()} files");
        var model = Time(output, "parse + bind", () => ClusterBinder.Bind(tree));
        var simulation = Time(output, "simulation (k <= 2)", () => Simulator.Run(model, maxFailures: 2));
        output.WriteLine($"  {simulation.Scenarios.Length} scenarios");
        var recovery = RecoverySimulation.Create(PlacementInputBuilder.FromModel(model), PlacementRule.EffectiveRules(model));
        Time(output, "one node recovery", () => recovery.Fail(["pve1"]));
        Time(output, "lint (all rules, simulation cached)", () => LintEngine.Run(model));
        HaTesterComparison.Report(output);
    }

    private static T Time<T>(TextWriter output, string what, Func<T> step)
    {
        T result = default!;
        var watch = new Stopwatch();
        for (var i = 0; i < 3; i++)
        {
            watch.Restart();
            result = step();
            watch.Stop();
        }
        output.WriteLine($"{what,-40} {watch.Elapsed.TotalMilliseconds,10:F1} ms");
        return result;
    }
}
