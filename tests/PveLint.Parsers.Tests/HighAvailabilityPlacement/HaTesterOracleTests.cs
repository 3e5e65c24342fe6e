using System.Diagnostics;
using System.Text.Json;
using PveLint.Analysis.HighAvailability.Placement;
using Xunit.Abstractions;

namespace PveLint.Parsers.Tests.HighAvailabilityPlacement;

/// <summary>
/// Differential test against Proxmox's own ha-tester (pve-ha-manager 5.0.8): the final node of every service in
/// every generated scenario must agree in at least 99 % of services, and every disagreement must be listed, with its
/// reason, in disagreements-*.json next to the data (a new or a vanished disagreement fails the test).
/// </summary>
public class HaTesterOracleTests(ITestOutputHelper output)
{
    /// <summary>Each mode's data file and the fewest scenarios it must hold.</summary>
    public static TheoryData<string, int> Modes => new() { { "basic", 200 }, { "static", 100 } };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Final_node_of_every_service_agrees_with_the_ha_tester(string mode, int minimumScenarios)
    {
        var scenarios = HaTesterData.Load($"ha-tester-{mode}.json");
        var clock = Stopwatch.StartNew();

        var disagreements = new List<Disagreement>();
        var services = 0;
        foreach (var scenario in scenarios)
        {
            var plan = RecoverySimulation.Create(scenario.Input(), scenario.EffectiveRules).Fail(scenario.Waves);
            foreach (var (sid, (node, state)) in scenario.Final.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                services++;
                var ours = plan.Service(sid);
                if (ours is not null && ours.CrmNode == node && ours.CrmState == state) continue;
                disagreements.Add(new Disagreement(scenario.Id, sid, $"{node} {state}", ours is null ? "missing" : $"{ours.CrmNode} {ours.CrmState}", ""));
            }
        }

        clock.Stop();
        // the machine is shared: CPU time, like the tester's figure, is the fair measure
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        const int Repeats = 5;
        for (var i = 0; i < Repeats; i++)
            foreach (var scenario in scenarios) RecoverySimulation.Create(scenario.Input(), scenario.EffectiveRules).Fail(scenario.Waves);
        var warmCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Repeats / scenarios.Length;
        var ratios = scenarios.Select(s => s.TesterCpuSeconds * 1000 / warmCpu).Order().ToList();
        var testerCpu = scenarios.Select(s => s.TesterCpuSeconds).Order().ToList();
        output.WriteLine($"{mode}: {scenarios.Length} scenarios, {services} services, {disagreements.Count} disagreements; " +
            $"pvelint {clock.Elapsed.TotalMilliseconds / scenarios.Length:F3} ms wall per scenario cold, {warmCpu:F3} ms CPU warm; " +
            $"ha-tester CPU median {testerCpu[testerCpu.Count / 2]:F2} s, min {testerCpu[0]:F2} s per scenario; " +
            $"speed-up median {ratios[ratios.Count / 2]:F0}x, min {ratios[0]:F0}x");

        var listed = ListedDisagreements(mode);
        var unexplained = disagreements.Where(d => !listed.Any(l => l.Scenario == d.Scenario && l.Sid == d.Sid)).ToList();
        var vanished = listed.Where(l => !disagreements.Any(d => d.Scenario == l.Scenario && d.Sid == l.Sid)).ToList();
        Assert.True(unexplained.Count == 0, "disagreements not listed: " + string.Join("; ", unexplained.Select(d => $"{d.Scenario} {d.Sid}: tester {d.Tester}, pvelint {d.Pvelint}")));
        Assert.True(vanished.Count == 0, "listed disagreements that no longer occur: " + string.Join("; ", vanished.Select(d => $"{d.Scenario} {d.Sid}")));
        Assert.All(listed, l => Assert.False(string.IsNullOrWhiteSpace(l.Reason), $"{l.Scenario} {l.Sid} has no reason"));

        var agreement = 1.0 - (double)disagreements.Count / services;
        Assert.True(agreement >= 0.99, $"agreement {agreement:P2} over {services} services");
        Assert.True(scenarios.Length >= minimumScenarios, $"only {scenarios.Length} scenarios");
    }

    private sealed record Disagreement(string Scenario, string Sid, string Tester, string Pvelint, string Reason);

    private static List<Disagreement> ListedDisagreements(string mode)
    {
        var path = Path.Combine(HaTesterData.Folder, $"disagreements-{mode}.json");
        if (!File.Exists(path)) return [];
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return [.. doc.RootElement.GetProperty("disagreements").EnumerateArray().Select(d => new Disagreement(
            d.GetProperty("scenario").GetString()!, d.GetProperty("sid").GetString()!,
            d.GetProperty("tester").GetString()!, d.GetProperty("pvelint").GetString()!, d.GetProperty("reason").GetString()!))];
    }
}
