using System.Diagnostics.Tracing;
using PveLint.Binding;
using PveLint.Rules.Engine;
using PveLint.Rules;
using PveLint.Simulation;

namespace PveLint.Bench;

/// <summary>
/// Which types the goal cluster's steps allocate: the runtime's AllocationTick events (one per ~100 KB allocated,
/// naming the type that crossed the mark) summed per type, per step. A sample, so small types show only in bulk.
/// </summary>
public static class AllocationProfile
{
    public static void Run(TextWriter output, ClusterShape shape)
    {
        var tree = ClusterGenerator.Generate(shape);
        var model = ClusterBinder.Bind(tree);
        Simulator.Run(model, maxFailures: 2);
        LintEngine.Run(model); // JIT and lazy statics out of the way
        model = null!;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        Profile(output, "parse + bind", () => model = ClusterBinder.Bind(tree));
        output.WriteLine($"  the model (with its source text) holds ~{(GC.GetTotalMemory(forceFullCollection: true) - before) / (1024.0 * 1024):F0} MiB");
        Profile(output, "simulation (k <= 2)", () => Simulator.Run(model, maxFailures: 2));
        var beforeSimulation = GC.GetTotalMemory(forceFullCollection: true);
        Simulator.For(model);
        output.WriteLine($"  the simulation's result holds ~{(GC.GetTotalMemory(forceFullCollection: true) - beforeSimulation) / (1024.0 * 1024):F0} MiB");
        var beforeLint = GC.GetTotalMemory(forceFullCollection: true);
        LintResult? lint = null;
        Profile(output, "lint (simulation cached)", () => lint = LintEngine.Run(model));
        output.WriteLine($"  the findings ({lint!.Findings.Length}) and what rules cached hold ~{(GC.GetTotalMemory(forceFullCollection: true) - beforeLint) / (1024.0 * 1024):F0} MiB");
        var designRules = RuleRegistry.All.Where(r => r.Metadata.Category != RuleCategory.Resilience).ToArray();
        var fresh = ClusterBinder.Bind(tree);
        Profile(output, "lint --no-simulate (fresh model: indices built)", () => LintEngine.Run(fresh, rules: designRules));
    }

    private static void Profile(TextWriter output, string step, Action action)
    {
        using var listener = new AllocationTickListener();
        action();
        listener.Stop();
        var total = listener.BytesByType.Values.Sum();
        output.WriteLine($"{step}: ~{total / (1024.0 * 1024):F0} MiB sampled");
        foreach (var (type, bytes) in listener.BytesByType.OrderByDescending(p => p.Value).Take(25))
            output.WriteLine($"  {bytes / (1024.0 * 1024),8:F1} MiB  {100.0 * bytes / total,5:F1} %  {type}");
    }

    private sealed class AllocationTickListener : EventListener
    {
        private const int AllocationTickEvent = 10;
        private volatile bool _stopped;
        public Dictionary<string, long> BytesByType { get; } = [];

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (_stopped || e.EventId != AllocationTickEvent || e.PayloadNames is null) return;
            var type = e.Payload![e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")]);
            lock (BytesByType) BytesByType[type] = BytesByType.GetValueOrDefault(type) + amount;
        }

        public void Stop() => _stopped = true;
    }
}
