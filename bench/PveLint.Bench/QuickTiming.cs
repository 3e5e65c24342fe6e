using System.Diagnostics;
using PveLint.Analysis.HighAvailability.Placement;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Simulation;

namespace PveLint.Bench;

/// <summary>One timed pass over the goal cluster per step, the third of three runs (after JIT): a quick look, not a measurement.</summary>
public static class QuickTiming
{
    public static void Run(TextWriter output, ClusterShape shape)
    {
        var tree = Time(output, "generate", () => ClusterGenerator.Generate(shape));
        output.WriteLine($"cluster {shape}: {tree.Files.Count()} files, {tree.Files.Sum(f => (long)f.Text.Length) / 1024} KiB of text");
        var model = Time(output, "parse + bind", () => ClusterBinder.Bind(tree));
        var simulation = Time(output, "simulation (k <= 2)", () => Simulator.Run(model, maxFailures: 2));
        output.WriteLine($"  {simulation.Scenarios.Length} scenarios, {simulation.Scenarios.Sum(v => v.Ha.Plan?.Affected.Count() ?? 0)} service outcomes changed in them");
        foreach (var kind in simulation.Scenarios.GroupBy(v => v.Scenario.Kind))
            output.WriteLine($"    {kind.Key,-20} {kind.Count(),6} scenarios {kind.Sum(v => v.Ha.Plan?.Affected.Count() ?? 0),10} changed outcomes");
        var timings = new LayerTimings();
        Simulator.Run(model, maxFailures: 2, timings: timings);
        foreach (var (layer, elapsed) in timings.All) output.WriteLine($"  {layer,-38} {elapsed.TotalMilliseconds,10:F1} ms");
        var recovery = RecoverySimulation.Create(PlacementInputBuilder.FromModel(model), PlacementRule.EffectiveRules(model));
        Time(output, "one node recovery", () => recovery.Fail(["pve1"]));
        Time(output, "lint (all rules, simulation cached)", () => LintEngine.Run(model));
        SlowestRules(output, model);
        HaTesterComparison.Report(output);
    }

    /// <summary>The rules that cost the most, each run alone (second run: the model's lazy indices are built).</summary>
    private static void SlowestRules(TextWriter output, ClusterModel model)
    {
        var costs = new List<(string Id, double Ms)>();
        foreach (var rule in RuleRegistry.All)
        {
            rule.Check(model).Count();
            var watch = Stopwatch.StartNew();
            rule.Check(model).Count();
            costs.Add((rule.Metadata.Id, watch.Elapsed.TotalMilliseconds));
        }
        output.WriteLine($"  slowest rules: {string.Join(", ", costs.OrderByDescending(c => c.Ms).Take(8).Select(c => $"{c.Id} {c.Ms:F1} ms"))}; all {costs.Sum(c => c.Ms):F0} ms");
    }

    private static T Time<T>(TextWriter output, string what, Func<T> step)
    {
        T result = default!;
        var watch = new Stopwatch();
        var cpu = TimeSpan.Zero;
        var allocated = 0L;
        for (var i = 0; i < 3; i++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            watch.Restart();
            result = step();
            watch.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        }
        // CPU time too: on a busy machine wall time says little, and parallel steps use more than one core.
        // Allocation: issue 14 wants the whole pipeline under 30 times the input text.
        output.WriteLine($"{what,-40} {watch.Elapsed.TotalMilliseconds,10:F1} ms  (cpu {cpu.TotalMilliseconds:F0} ms, {allocated / (1024.0 * 1024):F1} MiB allocated)");
        return result;
    }
}
