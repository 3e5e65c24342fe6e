using PveLint.Simulation.Fencing;
using PveLint.Simulation.Scenarios;

namespace PveLint.Simulation.Tests.Fencing;

public class FencingEvaluatorTests
{
    private static readonly string[] Nodes = ["pve-a1", "pve-a2", "pve-b1", "pve-b2"];

    private static FailureScenario SiteALost() => new("site:room-a", "site room-a lost", ScenarioKind.SiteLoss, 1,
        ["pve-a1", "pve-a2"], ["room-a"], false, [new NetworkPartition(["pve-b1", "pve-b2"], ["room-b"], false)]);

    [Fact]
    public void Inquorate_nodes_with_active_services_self_fence_and_idle_ones_stay_up()
    {
        var outcome = new FencingEvaluator(Nodes, new Dictionary<string, int> { ["pve-a1"] = 3, ["pve-b1"] = 2, ["pve-b2"] = 0 }, crmMaster: null).Evaluate(SiteALost(), new HashSet<string>(), new HashSet<string>());

        Assert.Equal([NodeFateKind.Failed, NodeFateKind.Failed, NodeFateKind.SelfFences, NodeFateKind.InquorateIdle],
            outcome.Nodes.Select(n => n.Fate));
        Assert.Equal(["pve-b1"], outcome.SelfFenced);
        Assert.Equal(["pve-a1", "pve-a2", "pve-b1"], outcome.NodesToRecover);
        var b1 = outcome.Nodes[2];
        Assert.Equal(70, b1.ResetAfterSeconds);
        Assert.Contains("2 active HA services", b1.Reason);
        Assert.Null(outcome.Nodes[3].ResetAfterSeconds);
    }

    [Fact]
    public void The_crm_master_fences_without_local_services_but_only_when_ha_is_in_use()
    {
        var withHa = new FencingEvaluator(Nodes, new Dictionary<string, int> { ["pve-a1"] = 1 }, crmMaster: "pve-b2").Evaluate(SiteALost(), new HashSet<string>(), new HashSet<string>());
        Assert.Equal(NodeFateKind.SelfFences, withHa.Nodes[3].Fate);
        Assert.Contains("CRM master", withHa.Nodes[3].Reason);

        var withoutHa = new FencingEvaluator(Nodes, new Dictionary<string, int>(), crmMaster: "pve-b2").Evaluate(SiteALost(), new HashSet<string>(), new HashSet<string>());
        Assert.Equal(NodeFateKind.InquorateIdle, withoutHa.Nodes[3].Fate);
    }

    [Fact]
    public void Quorate_nodes_are_never_fenced()
    {
        var outcome = new FencingEvaluator(Nodes, new Dictionary<string, int> { ["pve-b1"] = 5, ["pve-b2"] = 5 }, crmMaster: "pve-b1").Evaluate(SiteALost(), new HashSet<string> { "pve-b1", "pve-b2" }, new HashSet<string>());
        Assert.Empty(outcome.SelfFenced);
        Assert.All(outcome.Nodes.Skip(2), n => Assert.Equal(NodeFateKind.Quorate, n.Fate));
    }

    [Fact]
    public void A_nodes_fate_is_made_once_and_shared_by_every_scenario()
    {
        var evaluator = new FencingEvaluator(Nodes, new Dictionary<string, int> { ["pve-b1"] = 2 }, crmMaster: null);
        var first = evaluator.Evaluate(SiteALost(), new HashSet<string>(), new HashSet<string>());
        var second = evaluator.Evaluate(SiteALost(), new HashSet<string>(), new HashSet<string>());
        var quorate = evaluator.Evaluate(SiteALost(), new HashSet<string> { "pve-b1" }, new HashSet<string>());

        Assert.All(Enumerable.Range(0, Nodes.Length), i => Assert.Same(first.Nodes[i], second.Nodes[i]));
        Assert.Equal(NodeFateKind.Quorate, quorate.Nodes[2].Fate);
        Assert.NotSame(first.Nodes[2], quorate.Nodes[2]);
    }
}
