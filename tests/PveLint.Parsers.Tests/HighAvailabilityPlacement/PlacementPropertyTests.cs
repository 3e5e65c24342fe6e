using CsCheck;
using PveLint.Analysis.HighAvailability.Placement;

namespace PveLint.Parsers.Tests.HighAvailabilityPlacement;

/// <summary>
/// Any input, however odd (rules naming unknown services or nodes, services on nodes nobody declared, every node
/// failing), gives one record per service with a consistent outcome, and the same answer twice.
/// </summary>
public class PlacementPropertyTests
{
    private static readonly string[] NodePool = ["n1", "n2", "n3", "n4", "n10", "x"];
    private static readonly string[] SidPool = ["vm:100", "vm:101", "vm:102", "ct:103", "vm:1000", "vm:99", "ct:7"];

    private static Gen<string> Pick(string[] pool) => Gen.Int[0, pool.Length - 1].Select(i => pool[i]);

    private static readonly Gen<PlacementService> Service =
        Gen.Select(Pick(SidPool), Pick(NodePool), Gen.Enum<RequestedState>(), Gen.Enum<CrmState>(), Gen.Bool,
            Gen.Select(Gen.Double[0, 8], Gen.Long[0, 64L << 30]).Select((c, m) => new GuestLoad(Math.Round(c, 1), m)).Null())
        .Select((sid, node, requested, state, failback, load) => new PlacementService(sid, node, requested, state, failback, Load: load));

    private static readonly Gen<PlacementRule> Rule = Gen.OneOf(
        Gen.Select(Pick(SidPool).Array[0, 4], Gen.Select(Pick(NodePool), Gen.Int[-1, 3]).Array[0, 4], Gen.Bool)
            .Select((sids, nodes, strict) => PlacementRule.NodeAffinity("na", sids, nodes.Select(n => new RuleNode(n.Item1, n.Item2)), strict)),
        Gen.Select(Pick(SidPool).Array[0, 4], Gen.Bool)
            .Select((sids, positive) => PlacementRule.ResourceAffinity(positive ? "together" : "apart", sids, positive)));

    private static readonly Gen<(PlacementInput Input, PlacementRule[] Rules, string[] Failed)> Scenario =
        Gen.Select(
            Gen.Select(Pick(NodePool), Gen.Int[0, 64].Select(c => c == 0 ? (int?)null : c), Gen.Long[0, 512L << 30].Select(m => m == 0 ? (long?)null : m))
                .Select((n, c, m) => new PlacementNode(n, c, m)).Array[0, 5],
            Service.Array[0, 10], Rule.Array[0, 5], Pick(NodePool).Array[0, 4], Gen.Enum<CrsScheduler>())
        .Select((nodes, services, rules, failed, scheduler) => (new PlacementInput([.. nodes], [.. services], scheduler), rules, failed));

    [Fact]
    public void Every_service_gets_one_consistent_record_and_the_same_answer_twice()
    {
        Scenario.Sample(s =>
        {
            var plan = RecoverySimulation.Create(s.Input, s.Rules).Fail(s.Failed);
            var again = RecoverySimulation.Create(s.Input, s.Rules).Fail(s.Failed);
            Assert.Equal(plan.Services.ToArray(), again.Services.ToArray());
            // The placement-free view says the same of every service (the Ceph layer reads it for every scenario).
            Assert.Equal(plan.Services.Select(p => new ServiceDestination(p.Sid, p.To, p.Outcome)), plan.Destinations);
            Assert.Equal(plan.Services.Where(p => p.Outcome is PlacementOutcome.NoRecoveryNode or PlacementOutcome.StartFailed or PlacementOutcome.NotRecovered),
                plan.Stranded);
            Assert.Equal(s.Input.Services.Select(x => x.Sid).Distinct().Order(StringComparer.Ordinal).ToArray(), plan.Services.Select(p => p.Sid).ToArray());
            var failed = plan.FailedNodes.ToHashSet();
            foreach (var p in plan.Services)
            {
                Assert.False(string.IsNullOrWhiteSpace(p.Reason));
                if (p.To is not null) Assert.DoesNotContain(p.To, failed);
                switch (p.Outcome)
                {
                    case PlacementOutcome.Recovered or PlacementOutcome.RecoveredStopped:
                        Assert.Contains(p.From, failed);
                        Assert.NotNull(p.To);
                        break;
                    case PlacementOutcome.NoRecoveryNode:
                        Assert.Equal("recovery", p.CrmState);
                        Assert.Null(p.To);
                        break;
                    case PlacementOutcome.Unaffected or PlacementOutcome.Moved:
                        Assert.DoesNotContain(p.From, failed);
                        break;
                }
            }
        }, iter: 2000);
    }
}
