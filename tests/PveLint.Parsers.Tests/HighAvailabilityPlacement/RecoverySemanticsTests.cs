using PveLint.Analysis.HighAvailability.Placement;

namespace PveLint.Parsers.Tests.HighAvailabilityPlacement;

/// <summary>
/// select_service_node semantics on small hand-written clusters (reference/pve-ha-manager.md §3.1, §4 examples):
/// each test names the upstream behaviour it pins down.
/// </summary>
public class RecoverySemanticsTests
{
    private static PlacementService Started(string sid, string node, bool failback = true) =>
        new(sid, node, RequestedState.Started, CrmState.Started, failback);

    private static PlacementInput Cluster(string[] nodes, params PlacementService[] services) =>
        new([.. nodes.Select(n => new PlacementNode(n))], [.. services]);

    private static RecoveryPlan Fail(PlacementInput input, PlacementRule[] rules, params string[] failed) =>
        RecoverySimulation.Create(input, rules).Fail(failed);

    private static readonly string[] ThreeNodes = ["node1", "node2", "node3"];

    [Fact]
    public void Recovery_goes_to_the_node_with_fewest_services_and_a_tie_to_the_first_name()
    {
        var input = Cluster(ThreeNodes, Started("vm:101", "node3"), Started("vm:102", "node1"), Started("vm:103", "node2"));
        var placement = Fail(input, [], "node3").Service("vm:101")!;
        Assert.Equal(PlacementOutcome.Recovered, placement.Outcome);
        Assert.Equal("node3", placement.From);
        Assert.Equal("node1", placement.To);
        Assert.Equal("started", placement.CrmState);
        Assert.Contains("node1 and node2 tie at 1 HA service, and the CRM takes the first name", placement.Reason);
    }

    [Fact]
    public void Ties_use_string_order_of_node_names_so_node10_comes_before_node2()
    {
        var input = Cluster(["node2", "node10", "node3"], Started("vm:101", "node3"));
        Assert.Equal("node10", Fail(input, [], "node3").Service("vm:101")!.To);
    }

    [Fact]
    public void Services_are_recovered_in_sid_order_and_each_decision_counts_for_the_next()
    {
        // vm:1000 sorts before vm:999 (string order); each recovery adds to its node's count
        var input = Cluster(ThreeNodes, Started("vm:999", "node3"), Started("vm:1000", "node3"), Started("vm:998", "node3"));
        var plan = Fail(input, [], "node3");
        Assert.Equal("node1", plan.Service("vm:1000")!.To);
        Assert.Equal("node2", plan.Service("vm:998")!.To);
        Assert.Equal("node1", plan.Service("vm:999")!.To);
    }

    [Fact]
    public void Stopped_and_request_start_services_do_not_count_as_load()
    {
        var input = Cluster(ThreeNodes,
            Started("vm:101", "node3"),
            new PlacementService("vm:102", "node1", RequestedState.Stopped, CrmState.Stopped),
            new PlacementService("vm:103", "node1", RequestedState.Stopped, CrmState.Stopped),
            Started("vm:104", "node2"));
        Assert.Equal("node1", Fail(input, [], "node3").Service("vm:101")!.To);
    }

    [Fact]
    public void The_highest_priority_class_online_wins_over_load()
    {
        var rule = PlacementRule.NodeAffinity("prefer", ["vm:101"], [new("node2", 2), new("node3", 1)]);
        var input = Cluster(["node1", "node2", "node3", "node4"],
            Started("vm:101", "node2"), Started("vm:102", "node3"), Started("vm:103", "node3"));
        var placement = Fail(input, [rule], "node2").Service("vm:101")!;
        Assert.Equal("node3", placement.To);
        Assert.Contains("non-strict node-affinity rule 'prefer' prefers node3 (priority 1)", placement.Reason);
    }

    [Fact]
    public void A_non_strict_rule_falls_back_to_any_node_when_its_nodes_are_down()
    {
        // test-node-affinity-nonstrict3: node2 already runs two services, so node1 takes vm:101
        var rule = PlacementRule.NodeAffinity("should-be-on-node3", ["vm:101"], [new("node3", 0)]);
        var input = Cluster(ThreeNodes, Started("vm:101", "node3"), Started("vm:102", "node2"), Started("vm:103", "node2"));
        var placement = Fail(input, [rule], "node3").Service("vm:101")!;
        Assert.Equal("node1", placement.To);
        Assert.Contains("no node of non-strict node-affinity rule 'should-be-on-node3' is online", placement.Reason);
    }

    [Fact]
    public void A_strict_rule_whose_nodes_all_failed_leaves_the_service_in_recovery()
    {
        // test-node-affinity-strict3
        var rule = PlacementRule.NodeAffinity("only-node3", ["vm:101"], [new("node3", 0)], strict: true);
        var input = Cluster(ThreeNodes, Started("vm:101", "node3"), Started("vm:102", "node2"), Started("vm:103", "node2"));
        var plan = Fail(input, [rule], "node3");
        var placement = plan.Service("vm:101")!;
        Assert.Equal(PlacementOutcome.NoRecoveryNode, placement.Outcome);
        Assert.Null(placement.To);
        Assert.Equal("recovery", placement.CrmState);
        Assert.Equal("node3", placement.CrmNode);
        Assert.Contains("strict node-affinity rule 'only-node3' allows only node3, and none of them is online", placement.Reason);
        Assert.Equal(["vm:101"], plan.Stranded.Select(s => s.Sid));
        Assert.Equal(PlacementOutcome.Unaffected, plan.Service("vm:102")!.Outcome);
    }

    [Fact]
    public void Negative_affinity_excludes_the_partners_nodes_even_when_they_are_emptier()
    {
        // test-resource-affinity-strict-negative3: vm:102 to node2 (fewer services), vm:103 to node1 (node2 taken)
        var apart = PlacementRule.ResourceAffinity("lonely", ["vm:101", "vm:102", "vm:103"], positive: false);
        var input = Cluster(["node1", "node2", "node3", "node4", "node5"],
            Started("vm:101", "node3"), Started("vm:102", "node4"), Started("vm:103", "node5"),
            Started("vm:104", "node1"), Started("vm:105", "node1"), Started("vm:106", "node1"),
            Started("vm:107", "node2"), Started("vm:108", "node2"));
        var plan = Fail(input, [apart], "node4", "node5");
        Assert.Equal("node2", plan.Service("vm:102")!.To);
        Assert.Equal("node1", plan.Service("vm:103")!.To);
        Assert.Contains("negative affinity rules out node2 (vm:102, rule 'lonely'), node3 (vm:101, rule 'lonely')", plan.Service("vm:103")!.Reason);
    }

    [Fact]
    public void Negative_affinity_with_as_many_services_as_nodes_leaves_no_recovery_node()
    {
        var apart = PlacementRule.ResourceAffinity("spread", ["vm:101", "vm:102", "vm:103"], positive: false);
        var input = Cluster(ThreeNodes, Started("vm:101", "node1"), Started("vm:102", "node2"), Started("vm:103", "node3"));
        var placement = Fail(input, [apart], "node3").Service("vm:103")!;
        Assert.Equal(PlacementOutcome.NoRecoveryNode, placement.Outcome);
        Assert.Contains("every online node already runs a service it must be kept apart from: node1 (runs vm:101, rule 'spread'), node2 (runs vm:102, rule 'spread')", placement.Reason);
    }

    [Fact]
    public void Positive_partners_follow_the_first_recovered_one()
    {
        // test-resource-affinity-strict-positive1: vm:101 to node1 by name, vm:102 follows
        var together = PlacementRule.ResourceAffinity("together", ["vm:101", "vm:102"], positive: true);
        var input = Cluster(ThreeNodes, Started("vm:101", "node3"), Started("vm:102", "node3"), Started("vm:103", "node1"), Started("vm:104", "node2"));
        var plan = Fail(input, [together], "node3");
        Assert.Equal("node1", plan.Service("vm:101")!.To);
        Assert.Equal("node1", plan.Service("vm:102")!.To);
        Assert.Contains("positive affinity keeps it with vm:101 (rule 'together') on node1", plan.Service("vm:102")!.Reason);
    }

    [Fact]
    public void Positive_affinity_pulls_a_recovered_service_to_a_surviving_partner_however_loaded()
    {
        var together = PlacementRule.ResourceAffinity("together", ["vm:101", "vm:102"], positive: true);
        // failback off keeps both where they are in the steady state (step 3 of select_service_node)
        var input = Cluster(ThreeNodes, Started("vm:101", "node3", failback: false), Started("vm:102", "node2", failback: false),
            Started("vm:103", "node2"), Started("vm:104", "node2"));
        var simulation = RecoverySimulation.Create(input, [together]);
        Assert.Equal("node3", simulation.SteadyNodes["vm:101"]);
        var placement = simulation.Fail(["node3"]).Service("vm:101")!;
        Assert.Equal((PlacementOutcome.Recovered, "node2"), (placement.Outcome, placement.To));
    }

    [Fact]
    public void The_steady_state_applies_the_rules_before_the_failure()
    {
        // failback on: the rule pulls vm:101 to node2 while all nodes are up; failback off: it stays on node1
        var rule = PlacementRule.NodeAffinity("prefer-node2", ["vm:101", "vm:102"], [new("node2", 1)]);
        var input = Cluster(ThreeNodes, Started("vm:101", "node1"), Started("vm:102", "node1", failback: false));
        var simulation = RecoverySimulation.Create(input, [rule]);
        Assert.Equal("node2", simulation.SteadyNodes["vm:101"]);
        Assert.Equal("node1", simulation.SteadyNodes["vm:102"]);
        var plan = simulation.Fail(["node3"]);
        Assert.All(plan.Services, s => Assert.Equal(PlacementOutcome.Unaffected, s.Outcome));
    }

    [Fact]
    public void Positive_partners_started_apart_meet_on_the_majority_node_in_the_steady_state()
    {
        // vm:101 moves to vm:102's node; vm:102 sees vm:101 on both nodes while it migrates and keeps node2 by name
        var together = PlacementRule.ResourceAffinity("pair", ["vm:101", "vm:102"], positive: true);
        var input = Cluster(ThreeNodes, Started("vm:101", "node3"), Started("vm:102", "node2"), Started("vm:103", "node1"));
        var simulation = RecoverySimulation.Create(input, [together]);
        Assert.Equal(("node2", "node2"), (simulation.SteadyNodes["vm:101"], simulation.SteadyNodes["vm:102"]));
        Assert.Empty(simulation.Notes);
    }

    [Fact]
    public void Positive_partners_started_apart_at_once_swap_then_meet_on_the_first_name()
    {
        // checked with the real ha-tester: round 1 both migrate (101 to node2, 102 to node1 by name, seeing 101 on
        // both nodes); round 2 both arrive, 101 migrates again and 102 stays; both end on node1
        var together = PlacementRule.ResourceAffinity("pair", ["vm:101", "vm:102"], positive: true);
        var input = Cluster(ThreeNodes,
            new PlacementService("vm:101", "node1", RequestedState.Started, CrmState.RequestStart),
            new PlacementService("vm:102", "node2", RequestedState.Started, CrmState.RequestStart));
        var simulation = RecoverySimulation.Create(input, [together]);
        Assert.Equal(("node1", "node1"), (simulation.SteadyNodes["vm:101"], simulation.SteadyNodes["vm:102"]));
        Assert.Empty(simulation.Notes);
    }

    [Fact]
    public void Requested_stopped_services_are_recovered_and_kept_stopped_disabled_ones_are_not_recovered()
    {
        var input = Cluster(ThreeNodes,
            new PlacementService("vm:101", "node3", RequestedState.Stopped, CrmState.Stopped),
            new PlacementService("vm:102", "node3", RequestedState.Disabled, CrmState.Stopped),
            new PlacementService("vm:103", "node3", RequestedState.Started, CrmState.Error));
        var plan = Fail(input, [], "node3");
        Assert.Equal((PlacementOutcome.RecoveredStopped, "node1", "stopped"),
            (plan.Service("vm:101")!.Outcome, plan.Service("vm:101")!.To, plan.Service("vm:101")!.CrmState));
        Assert.Equal((PlacementOutcome.NotRecovered, "stopped"), (plan.Service("vm:102")!.Outcome, plan.Service("vm:102")!.CrmState));
        Assert.Contains("requested disabled", plan.Service("vm:102")!.Reason);
        Assert.Equal((PlacementOutcome.NotRecovered, "error"), (plan.Service("vm:103")!.Outcome, plan.Service("vm:103")!.CrmState));
    }

    [Fact]
    public void A_recovered_stopped_service_counts_on_its_new_node_for_the_rest_of_the_round()
    {
        // request_stop loads a node: vm:101 (stopped) lands on node1, so vm:102 goes to node2
        var input = Cluster(ThreeNodes,
            new PlacementService("vm:101", "node3", RequestedState.Stopped, CrmState.Stopped),
            Started("vm:102", "node3"));
        var plan = Fail(input, [], "node3");
        Assert.Equal("node1", plan.Service("vm:101")!.To);
        Assert.Equal("node2", plan.Service("vm:102")!.To);
    }

    [Fact]
    public void Waves_recover_the_first_failure_before_the_second_is_fenced()
    {
        var input = Cluster(["node1", "node2", "node3", "node4", "node5"],
            Started("vm:101", "node4"), Started("vm:102", "node5"), Started("vm:103", "node1"), Started("vm:104", "node2"));
        // at once: vm:101 takes the empty node3, then node1..3 tie at 1 and vm:102 takes node1;
        // node5 first: vm:102 takes node3, then vm:101 takes node1
        var together = RecoverySimulation.Create(input, []).Fail(["node4", "node5"]);
        Assert.Equal(("node3", "node1"), (together.Service("vm:101")!.To, together.Service("vm:102")!.To));
        var waves = RecoverySimulation.Create(input, []).Fail([["node5"], ["node4"]]);
        Assert.Equal(("node1", "node3"), (waves.Service("vm:101")!.To, waves.Service("vm:102")!.To));
        Assert.Equal(new[] { "node5", "node4" }, waves.FailedNodes.ToArray());
    }
}
