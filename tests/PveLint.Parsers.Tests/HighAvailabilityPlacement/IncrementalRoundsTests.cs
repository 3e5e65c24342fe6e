using CsCheck;
using PveLint.Analysis.HighAvailability.Placement;

namespace PveLint.Parsers.Tests.HighAvailabilityPlacement;

/// <summary>
/// The CRM rounds step only the services a failure can move; the CRM itself steps every service in every pass. Both
/// must give the same plan, reasons included, for any cluster, rule set and sequence of failure waves, and a
/// simulation reused across scenarios (its workspaces reset after each) must answer as a fresh one does.
/// </summary>
public class IncrementalRoundsTests
{
    private static readonly string[] NodePool = ["n1", "n2", "n3", "n4", "n5", "n6", "n7", "n10"];

    private static Gen<string> Pick(string[] pool) => Gen.Int[0, pool.Length - 1].Select(i => pool[i]);

    private static readonly Gen<string> Sid = Gen.Int[100, 140].Select(i => $"vm:{i}");

    // Mostly started services, as a live cluster has; now and then any other state or request.
    private static readonly Gen<PlacementService> Service =
        Gen.Select(Sid, Pick(NodePool), Gen.Frequency((6, Gen.Const(RequestedState.Started)), (1, Gen.Enum<RequestedState>())),
                Gen.Frequency((6, Gen.Const(CrmState.Started)), (1, Gen.Enum<CrmState>())), Gen.Bool,
                Gen.Select(Gen.Double[0, 8], Gen.Long[0, 64L << 30]).Select((c, m) => new GuestLoad(Math.Round(c, 1), m)).Null())
            .Select((sid, node, requested, state, failback, load) => new PlacementService(sid, node, requested, state, failback, Load: load));

    private static readonly Gen<PlacementRule> Rule = Gen.OneOf(
        Gen.Select(Sid.Array[1, 6], Gen.Select(Pick(NodePool), Gen.Int[-1, 3]).Array[1, 5], Gen.Bool)
            .Select((sids, nodes, strict) => PlacementRule.NodeAffinity("na", sids, nodes.Select(n => new RuleNode(n.Item1, n.Item2)), strict)),
        Gen.Select(Sid.Array[2, 5], Gen.Bool, Gen.Int[0, 99])
            .Select((sids, positive, id) => PlacementRule.ResourceAffinity($"{(positive ? "together" : "apart")}{id}", sids, positive)));

    private static readonly Gen<IReadOnlyCollection<string>[]> Waves =
        Pick(NodePool).Array[1, 3].Select(w => (IReadOnlyCollection<string>)w).Array[1, 2];

    private static readonly Gen<(PlacementInput Input, PlacementRule[] Rules, IReadOnlyCollection<string>[][] Scenarios)> Cluster =
        Gen.Select(
            Gen.Select(Pick(NodePool), Gen.Int[1, 64], Gen.Long[1L << 30, 512L << 30]).Select((n, c, m) => new PlacementNode(n, c, m)).Array[3, 8],
            Service.Array[1, 30], Rule.Array[0, 8], Waves.Array[1, 6], Gen.Enum<CrsScheduler>())
        .Select((nodes, services, rules, scenarios, scheduler) => (new PlacementInput([.. nodes], [.. services], scheduler), rules, scenarios));

    [Fact]
    public void Stepping_only_what_can_move_gives_the_CRMs_own_answer()
    {
        Cluster.Sample(c =>
        {
            var incremental = RecoverySimulation.Create(c.Input, c.Rules);
            var exhaustive = RecoverySimulation.CreateExhaustive(c.Input, c.Rules);
            foreach (var waves in c.Scenarios)
            {
                var expected = Describe(exhaustive.Fail(waves));
                Assert.Equal(expected, Describe(incremental.Fail(waves)));
                Assert.Equal(expected, Describe(RecoverySimulation.Create(c.Input, c.Rules).Fail(waves)));
            }
        }, iter: 1500);
    }

    [Fact]
    public void Affected_and_lookup_agree_with_the_full_list()
    {
        Cluster.Sample(c =>
        {
            var plan = RecoverySimulation.Create(c.Input, c.Rules).Fail(c.Scenarios[0]);
            Assert.Equal(plan.Services.Where(p => p.Outcome != PlacementOutcome.Unaffected).ToArray(), plan.Affected.ToArray());
            Assert.Equal(plan.Services.Count, plan.Services.Count());
            for (var i = 0; i < plan.Services.Count; i++) Assert.Equal(plan.Services[i], plan.Service(plan.Services[i].Sid));
            Assert.Null(plan.Service("vm:999999"));
        }, iter: 300);
    }

    private static string[] Describe(RecoveryPlan plan) =>
        [string.Join(",", plan.FailedNodes), .. plan.Services.Select(p => $"{p.Sid} {p.From}->{p.To} {p.Outcome} {p.CrmState}@{p.CrmNode}: {p.Reason}")];
}
