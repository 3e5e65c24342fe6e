using System.Collections.Immutable;
using System.Text.Json;
using PveLint.Analysis.HighAvailability.Placement;
using PveLint.Tests;

namespace PveLint.Parsers.Tests.HighAvailabilityPlacement;

/// <summary>
/// One scenario of tests/oracles/ha-tester/*.json: the inputs pvelint generated (generate.py) and what Proxmox's
/// ha-tester gave (collect.py): effective rules, nodes fenced together, the steady and the final placement.
/// </summary>
internal sealed record HaTesterScenario(
    string Id,
    CrsScheduler Mode,
    ImmutableArray<string> Nodes,
    ImmutableArray<(string Sid, string Node, string State, bool Failback)> Services,
    ImmutableArray<PlacementRule> EffectiveRules,
    ImmutableArray<ImmutableArray<string>> FencedTogether,
    ImmutableArray<ImmutableArray<string>> Failed,
    ImmutableDictionary<string, string> Steady,
    ImmutableDictionary<string, (string? Node, string? State)> Final,
    double TesterCpuSeconds,
    double TesterWallSeconds,
    ImmutableDictionary<string, (int Cpus, long Memory)> Capacity,
    ImmutableDictionary<string, GuestLoad> Load)
{
    /// <summary>The input as the tester starts it: every service freshly added (request_start / request_stop).</summary>
    public PlacementInput Input() => new(
        [.. Nodes.Select(n => Capacity.TryGetValue(n, out var c) ? new PlacementNode(n, c.Cpus, c.Memory) : new PlacementNode(n))],
        [.. Services.Select(s => new PlacementService(
            s.Sid, s.Node,
            s.State switch { "started" => RequestedState.Started, "stopped" => RequestedState.Stopped, _ => RequestedState.Disabled },
            s.State == "started" ? CrmState.RequestStart : CrmState.RequestStop,
            s.Failback,
            Load: Load.GetValueOrDefault(s.Sid)))],
        Mode);

    /// <summary>
    /// The failure waves as the tester fenced them: each generated wave, split where the tester fenced its nodes in
    /// different CRM rounds; a node without services is never fenced and goes with the first part of its wave.
    /// </summary>
    public IReadOnlyList<IReadOnlyCollection<string>> Waves =>
    [
        .. Failed.SelectMany(wave =>
        {
            var parts = FencedTogether.Select(f => f.Where(wave.Contains).ToList()).Where(p => p.Count > 0).ToList();
            var unfenced = wave.Where(n => !parts.Any(p => p.Contains(n))).ToList();
            if (parts.Count == 0) return [unfenced];
            parts[0].AddRange(unfenced);
            return parts;
        }),
    ];
}

internal static class HaTesterData
{
    public static string Folder => Path.Combine(TestPaths.RepoRoot, "tests", "oracles", "ha-tester");

    public static ImmutableArray<HaTesterScenario> Load(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file)));
        return [.. doc.RootElement.GetProperty("scenarios").EnumerateArray().Select(Scenario)];
    }

    private static HaTesterScenario Scenario(JsonElement e)
    {
        ImmutableArray<string> Strings(JsonElement a) => [.. a.EnumerateArray().Select(x => x.GetString()!)];
        ImmutableArray<ImmutableArray<string>> Waves(string name) => [.. e.GetProperty(name).EnumerateArray().Select(Strings)];
        var capacity = e.TryGetProperty("capacity", out var cap)
            ? cap.EnumerateObject().ToImmutableDictionary(p => p.Name, p => (p.Value[0].GetInt32(), p.Value[1].GetInt64()))
            : ImmutableDictionary<string, (int, long)>.Empty;
        var load = e.TryGetProperty("load", out var l)
            ? l.EnumerateObject().ToImmutableDictionary(p => p.Name, p => new GuestLoad(p.Value[0].GetDouble(), p.Value[1].GetInt64()))
            : ImmutableDictionary<string, GuestLoad>.Empty;
        return new HaTesterScenario(
            e.GetProperty("id").GetString()!,
            e.GetProperty("mode").GetString() == "static" ? CrsScheduler.Static : CrsScheduler.Basic,
            Strings(e.GetProperty("nodes")),
            [.. e.GetProperty("services").EnumerateObject().Select(p =>
                (p.Name, p.Value[0].GetString()!, p.Value[1].GetString()!, p.Value[2].GetInt32() != 0))],
            [.. e.GetProperty("effectiveRules").EnumerateArray().Select(Rule)],
            Waves("fencedTogether"),
            Waves("failed"),
            e.GetProperty("steady").EnumerateObject().ToImmutableDictionary(p => p.Name, p => p.Value.GetString()!),
            e.GetProperty("final").EnumerateObject().ToImmutableDictionary(p => p.Name, p => (p.Value[0].GetString(), p.Value[1].GetString())),
            e.GetProperty("testerSeconds").GetProperty("cpu").GetDouble(),
            e.GetProperty("testerSeconds").GetProperty("wall").GetDouble(),
            capacity,
            load);
    }

    private static PlacementRule Rule(JsonElement r)
    {
        var id = r.GetProperty("id").GetString()!;
        var resources = r.GetProperty("resources").EnumerateArray().Select(x => x.GetString()!);
        return r.TryGetProperty("affinity", out var affinity)
            ? PlacementRule.ResourceAffinity(id, resources, affinity.GetString() == "positive")
            : PlacementRule.NodeAffinity(id, resources,
                r.GetProperty("nodes").EnumerateObject().Select(p => new RuleNode(p.Name, p.Value.GetInt32())),
                r.GetProperty("strict").GetBoolean());
    }
}
