using System.Collections.Immutable;
using System.Text.Json;
using PveLint.Analysis.Quorum;
using PveLint.Parsers.Tests.Corosync;
using PveLint.Tests;

namespace PveLint.Parsers.Tests.Analysis.Quorum;

/// <summary>
/// The real-corosync QDevice scenarios of tests/oracles/qdevice-netns: each scenario's corosync.conf and step script
/// (corosync-netns.sh's language), what the harness reported (results/NAME.jsonl), the replay of the steps as
/// <see cref="MembershipStep"/>s through <see cref="QuorumEvaluator"/>, and the node-by-node comparison.
/// </summary>
internal static class QdeviceNetnsOracle
{
    public static string Folder => Path.Combine(TestPaths.RepoRoot, "tests", "oracles", "qdevice-netns");

    public sealed record Scenario(string Name, string Conf, IReadOnlyList<string> Steps);

    /// <summary>One node after one step, as corosync-quorumtool reported it; null numbers where the node was not running.</summary>
    public sealed record Report(int Step, string Action, bool Settled, int Node, string State, bool? Quorate,
        int? TotalVotes, int? ExpectedVotes, int? Quorum, string QDevice, string StartFailure)
    {
        /// <summary>The node's qdevice column says V: its corosync-qdevice got ACK and casts the device's votes.</summary>
        public bool CastsVote => QDevice.Split(',').Contains("V");
    }

    public sealed record Comparison(int Scenarios, int Steps, int NodeVerdicts, IReadOnlyList<string> Disagreements);

    public static IReadOnlyList<Scenario> Scenarios() =>
        Directory.EnumerateFiles(Path.Combine(Folder, "scenarios"), "*.conf").Order(StringComparer.Ordinal).Select(conf =>
        {
            var name = Path.GetFileNameWithoutExtension(conf);
            var steps = File.ReadAllLines(Path.ChangeExtension(conf, ".steps"))
                .Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0).ToList();
            return new Scenario(name, File.ReadAllText(conf), steps);
        }).ToList();

    public static IReadOnlyList<Report> Reports(string name)
    {
        var file = Path.Combine(Folder, "results", name + ".jsonl");
        return File.ReadAllLines(file).Where(l => l.TrimStart().StartsWith('{')).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            return new Report(
                r.GetProperty("step").GetInt32(), r.GetProperty("action").GetString()!, r.GetProperty("settled").GetBoolean(),
                r.GetProperty("node").GetInt32(), r.GetProperty("state").GetString()!,
                r.GetProperty("quorate").ValueKind is JsonValueKind.True or JsonValueKind.False ? r.GetProperty("quorate").GetBoolean() : null,
                Number(r, "total_votes"), Number(r, "expected_votes"), Number(r, "quorum"),
                r.GetProperty("qdevice").GetString() ?? "", r.GetProperty("start_failure").GetString() ?? "");
        }).ToList();
    }

    private static int? Number(JsonElement r, string key) => r.GetProperty(key).ValueKind == JsonValueKind.Number ? r.GetProperty(key).GetInt32() : null;

    public static Comparison Compare(IReadOnlyList<Scenario> scenarios)
    {
        var disagreements = new List<string>();
        int steps = 0, verdicts = 0;
        foreach (var s in scenarios)
        {
            if (!File.Exists(Path.Combine(Folder, "results", s.Name + ".jsonl")))
            {
                disagreements.Add($"{s.Name}: no recorded result (run.sh)");
                continue;
            }
            var config = VoteConfig.From(CorosyncRead.Of(s.Conf).Model)!;
            var names = config.Nodes.ToDictionary(n => n.NodeId!.Value, n => n.Name);
            var reports = Reports(s.Name).GroupBy(r => r.Step).OrderBy(g => g.Key).ToList();
            if (reports.Count != s.Steps.Count + 1)
            {
                disagreements.Add($"{s.Name}: the harness reported {reports.Count} states for {s.Steps.Count} steps and the initial state");
                continue;
            }
            foreach (var unsettled in reports.Where(g => g.Any(r => !r.Settled)))
                disagreements.Add($"{s.Name} step {unsettled.Key}: the harness did not settle, no verdict to compare");

            var refusal = VoteArithmetic.Of(config).Refusals.Select(r => r.UpstreamMessage).FirstOrDefault();
            var failed = reports[0].Where(r => r.State == "start-failed").ToList();
            if (refusal is not null || failed.Count > 0)
            {
                // corosync refused the configuration: every node fails to start with votequorum's message.
                verdicts += failed.Count;
                if (refusal is null || failed.Count != names.Count || failed.Any(r => !r.StartFailure.Contains(refusal, StringComparison.Ordinal)))
                    disagreements.Add($"{s.Name}: corosync start failures [{string.Join("; ", failed.Select(f => $"{f.Node}: {f.StartFailure}").Distinct())}], evaluator refusal '{refusal ?? "none"}'");
                steps += s.Steps.Count + 1;
                continue;
            }

            var replay = HarnessReplay.Of(s.Steps, names.Keys);
            var outcome = QuorumEvaluator.EvaluateSequence(config, replay.Select(step => new MembershipStep(
                step.Select(p => Partition.Of(p.Nodes.Select(id => names[id]), p.ReachesQnetd)).ToImmutableArray())).ToList());
            var outcomes = new[] { outcome.SteadyState }.Concat(outcome.Steps).ToList();
            for (var k = 0; k < outcomes.Count; k++)
            {
                steps++;
                var where = $"{s.Name} step {k} ({(k == 0 ? "initial" : s.Steps[k - 1])})";
                var ours = outcomes[k].Partitions.SelectMany(p => p.State == QuorumState.Undecidable
                        ? p.Partition.Nodes.Select(n => (Name: n, Node: (NodeQuorum?)null, Why: p.Explanation))
                        : p.Nodes.Select(n => (Name: n.Node, Node: (NodeQuorum?)n, Why: p.Explanation)))
                    .ToDictionary(x => x.Name);
                foreach (var real in reports[k].OrderBy(r => r.Node))
                {
                    var name = names[real.Node];
                    if (real.State != "running")
                    {
                        if (ours.ContainsKey(name)) disagreements.Add($"{where}: node {real.Node} is {real.State} for the harness, running in the replay");
                        continue;
                    }
                    verdicts++;
                    if (!ours.TryGetValue(name, out var mine))
                        disagreements.Add($"{where}: node {real.Node} runs for the harness, not in the replay");
                    else if (mine.Node is not { } n)
                        disagreements.Add($"{where}: node {real.Node} real quorate={real.Quorate}, evaluator {mine.Why}");
                    else if (real.Quorate != n.Quorate || real.TotalVotes != n.TotalVotes || real.ExpectedVotes != n.ExpectedVotes
                             || real.Quorum != n.Quorum || real.CastsVote != n.CastsQDeviceVote)
                        disagreements.Add($"{where}: node {real.Node} real {Describe(real.Quorate == true, real.TotalVotes, real.ExpectedVotes, real.Quorum, real.CastsVote)}, " +
                                          $"evaluator {Describe(n.Quorate, n.TotalVotes, n.ExpectedVotes, n.Quorum, n.CastsQDeviceVote)} ({mine.Why})");
                }
            }
        }
        return new Comparison(scenarios.Count, steps, verdicts, disagreements);
    }

    private static string Describe(bool quorate, int? total, int? expected, int? quorum, bool vote) =>
        $"{(quorate ? "quorate" : "inquorate")} {total}/{expected} quorum {quorum} {(vote ? "V" : "NV")}";
}
