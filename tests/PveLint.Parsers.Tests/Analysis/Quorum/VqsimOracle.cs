using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using PveLint.Analysis.Quorum;
using PveLint.Parsers.Tests.Corosync;
using PveLint.Tests;

namespace PveLint.Parsers.Tests.Analysis.Quorum;

/// <summary>
/// The corosync-vqsim cases of tests/oracles/vqsim (cases.json from generate.py, results.json from run.py) and the
/// comparison of every node's quorate flag with <see cref="QuorumEvaluator"/>.
/// </summary>
internal static class VqsimOracle
{
    public static string Folder => Path.Combine(TestPaths.RepoRoot, "tests", "oracles", "vqsim");

    public sealed record Step(string Command, bool ResyncAll, int[][] Partitions, bool LmsElapsed, bool[]? Qnetd, int[]? Cast);

    public sealed record Case(string Id, string Conf, Step[] Steps);

    /// <summary>What vqsim printed: per <c>show</c>, nodeid → quorate; and its start-up refusals.</summary>
    public sealed record Result(IReadOnlyList<IReadOnlyDictionary<int, bool>> Shows, IReadOnlyList<string> Refused);

    public sealed record Disagreement(string Case, string Text)
    {
        public override string ToString() => Text;
    }

    public sealed record Comparison(int Cases, int NodeVerdicts, int Undecidable, IReadOnlyList<Disagreement> Disagreements);

    /// <summary>
    /// Cases that tests/oracles/vqsim/nondeterministic.json shows vqsim answering differently on repeated runs of the
    /// same input (run.py --repeat), with the distinct answers it gave.
    /// </summary>
    public static IReadOnlyDictionary<string, int> NondeterministicCases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "nondeterministic.json")));
        return doc.RootElement.GetProperty("results").EnumerateObject().ToDictionary(
            r => r.Name,
            r => r.Value.GetProperty("runs").EnumerateArray().Select(run => run.GetProperty("shows").GetRawText()).Distinct().Count());
    }

    public static IReadOnlyList<Case> Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "cases.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => new Case(
            c.GetProperty("id").GetString()!,
            c.GetProperty("conf").GetString()!,
            c.GetProperty("steps").EnumerateArray().Select(s => new Step(
                s.GetProperty("command").GetString()!,
                s.GetProperty("resyncAll").GetBoolean(),
                s.GetProperty("partitions").EnumerateArray().Select(p => p.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToArray(),
                s.GetProperty("lmsElapsed").GetBoolean(),
                s.TryGetProperty("qnetd", out var q) ? q.EnumerateArray().Select(x => x.GetBoolean()).ToArray() : null,
                s.TryGetProperty("cast", out var cast) ? cast.EnumerateArray().Select(x => x.GetInt32()).ToArray() : null)).ToArray())).ToList();
    }

    public static IReadOnlyDictionary<string, Result> Results(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("results").EnumerateObject().ToDictionary(
            r => r.Name,
            r => new Result(
                r.Value.GetProperty("shows").EnumerateArray()
                    .Select(s => (IReadOnlyDictionary<int, bool>)s.EnumerateObject().ToDictionary(n => int.Parse(n.Name), n => n.Value.GetProperty("q").GetInt32() == 1))
                    .ToList(),
                r.Value.GetProperty("refused").EnumerateArray().Select(x => x.GetString()!).ToList()));
    }

    public static Comparison Compare(IReadOnlyList<Case> cases, IReadOnlyDictionary<string, Result> results)
    {
        var disagreements = new List<Disagreement>();
        int compared = 0, verdicts = 0, undecidable = 0;
        foreach (var c in cases)
        {
            if (!results.TryGetValue(c.Id, out var result)) continue;
            compared++;
            var config = VoteConfig.From(CorosyncRead.Of(c.Conf).Model)!;
            var names = config.Nodes.Where(n => n.NodeId is not null).ToDictionary(n => n.NodeId!.Value, n => n.Name);
            var ids = names.ToDictionary(kv => kv.Value, kv => kv.Key);
            string Name(int id) => names[id];
            int Id(string name) => ids[name];
            var arithmetic = VoteArithmetic.Of(config);
            var refused = arithmetic.Refusals.Select(r => r.UpstreamMessage).FirstOrDefault();
            if (refused != result.Refused.FirstOrDefault())
                disagreements.Add(new Disagreement(c.Id, $"{c.Id}: vqsim refusal '{result.Refused.FirstOrDefault() ?? "none"}', evaluator '{refused ?? "none"}'"));
            if (refused is not null) continue;

            var steps = c.Steps.Select(s => new MembershipStep(
                s.Partitions.Select((p, i) => Partition.Of(p.Select(Name), s.Qnetd?[i] ?? true)).ToImmutableArray(),
                s.LmsElapsed, s.ResyncAll)).ToList();
            var outcome = QuorumEvaluator.EvaluateSequence(config, steps);
            var outcomes = new[] { outcome.SteadyState }.Concat(outcome.Steps).ToList();
            if (result.Shows.Count != outcomes.Count)
            {
                disagreements.Add(new Disagreement(c.Id, $"{c.Id}: vqsim printed {result.Shows.Count} states for {outcomes.Count} steps"));
                continue;
            }
            for (var k = 0; k < outcomes.Count; k++)
            {
                var where = k == 0 ? "steady state" : $"step {k} ({c.Steps[k - 1].Command})";
                foreach (var verdict in outcomes[k].Partitions)
                {
                    if (verdict.State == QuorumState.Undecidable)
                    {
                        undecidable += verdict.Partition.Nodes.Length;
                        continue;
                    }
                    foreach (var node in verdict.Nodes)
                    {
                        verdicts++;
                        var id = Id(node.Node);
                        if (!result.Shows[k].TryGetValue(id, out var q))
                            disagreements.Add(new Disagreement(c.Id, $"{c.Id} {where}: vqsim did not report node {id}"));
                        else if (q != node.Quorate)
                            disagreements.Add(new Disagreement(c.Id, $"{c.Id} {where}: node {id} vqsim q={(q ? 1 : 0)}, evaluator {(node.Quorate ? 1 : 0)} ({verdict})"));
                    }
                    if (k > 0 && c.Steps[k - 1].Cast is { } cast)
                    {
                        var ours = verdict.Nodes.Where(n => n.CastsQDeviceVote).Select(n => Id(n.Node));
                        var theirs = cast.Where(verdict.Partition.Nodes.Select(Id).Contains);
                        if (!ours.Order().SequenceEqual(theirs.Order()))
                            disagreements.Add(new Disagreement(c.Id, $"{c.Id} {where}: QDevice vote cast by [{string.Join(",", theirs)}] in the generator, [{string.Join(",", ours)}] by the evaluator's qnetd"));
                    }
                }
            }
        }
        return new Comparison(compared, verdicts, undecidable, disagreements);
    }

    /// <summary>Runs tests/oracles/vqsim/run.py on these cases now and returns its JSON.</summary>
    public static string RunLive(IEnumerable<string> ids)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(Folder, "run.py"), "--ids", string.Join(",", ids), "--jobs", "2" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10))) { process.Kill(true); throw new TimeoutException("run.py did not finish in 10 minutes"); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"run.py exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
