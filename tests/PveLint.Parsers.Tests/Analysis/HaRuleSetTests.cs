using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Sources;

namespace PveLint.Parsers.Tests.Analysis;

/// <summary>The model-level view of the HA rules: groups migrated in memory, the CRM's node list, the compiled lookups.</summary>
public class HaRuleSetTests
{
    private const string Corosync = "nodelist {\n  node {\n    name: pve1\n    nodeid: 1\n    ring0_addr: 10.0.0.1\n  }\n  node {\n    name: pve2\n    nodeid: 2\n    ring0_addr: 10.0.0.2\n  }\n  node {\n    name: pve3\n    nodeid: 3\n    ring0_addr: 10.0.0.3\n  }\n}\n";

    private static ClusterModel Model(params (string Path, string Text)[] files) =>
        ClusterBinder.Bind(new ConfigTree(files.Append((Path: "etc/pve/corosync.conf", Text: Corosync)).Select(f => new ConfigFile(f.Path, f.Text, f.Path))));

    [Fact]
    public void Groups_in_use_become_rules_that_replace_a_hand_written_rule_of_the_same_id()
    {
        var model = Model(
            ("etc/pve/ha/groups.cfg", "group: web\n\tnodes pve1:2,pve2\n\trestricted 1\n\ngroup: spare\n\tnodes pve3\n"),
            ("etc/pve/ha/resources.cfg", "vm: 100\n\tgroup web\n\nvm: 101\n\tgroup gone\n"),
            ("etc/pve/ha/rules.cfg", "node-affinity: ha-group-web\n\tresources vm:101\n\tnodes pve3\n\tdisable\n"));

        var rules = HaRuleSet.Evaluate(model);

        var web = Assert.Single(rules.Configured);
        Assert.Equal(("ha-group-web", HaRuleOrigin.MigratedGroup, false, true), (web.Id, web.Origin, web.Disabled, web.Strict));
        Assert.Equal(["vm:100"], web.Resources);
        Assert.Equal(new Dictionary<string, int> { ["pve1"] = 2, ["pve2"] = 0 }, web.Nodes);
        Assert.Equal(("etc/pve/ha/groups.cfg", 1), (web.Span!.Value.Path, web.Span.Value.Line));
        Assert.Equal(["pve1", "pve2", "pve3"], rules.Nodes.ToArray());
        Assert.Equal(["pve1", "pve2"], rules.AllowedNodes("vm:100").ToArray());
        Assert.Equal(["pve1", "pve2", "pve3"], rules.AllowedNodes("vm:101").ToArray());
    }

    [Fact]
    public void A_group_rule_and_a_file_rule_on_one_resource_are_both_dropped()
    {
        var model = Model(
            ("etc/pve/ha/groups.cfg", "group: web\n\tnodes pve1\n"),
            ("etc/pve/ha/resources.cfg", "vm: 100\n\tgroup web\n"),
            ("etc/pve/ha/rules.cfg", "node-affinity: web1-on-pve2\n\tresources vm:100\n\tnodes pve2\n"));

        var rules = HaRuleSet.Evaluate(model);

        Assert.Equal(["ha-group-web", "web1-on-pve2"], rules.Dropped.Select(d => d.Id));
        Assert.All(rules.Dropped, d => Assert.Equal([FeasibilityCheck.ResourceInSeveralNodeAffinityRules], d.Checks));
        Assert.Equal(["web1-on-pve2"], rules.DroppedRule("ha-group-web")!.ConflictingRules(FeasibilityCheck.ResourceInSeveralNodeAffinityRules));
        Assert.Null(rules.NodeAffinityOf("vm:100"));
        Assert.Equal(["Drop rule 'ha-group-web', because resource 'vm:100' is already used in another node affinity rule.",
                      "Drop rule 'web1-on-pve2', because resource 'vm:100' is already used in another node affinity rule."], rules.LogLines);
    }

    [Fact]
    public void Compiled_rules_give_non_strict_fallback_nodes_and_partners_of_merged_and_implicit_rules()
    {
        var model = Model(
            ("etc/pve/ha/resources.cfg", "vm: 100\n\nvm: 101\n\nvm: 102\n\nvm: 103\n"),
            ("etc/pve/ha/rules.cfg",
                "resource-affinity: pa\n\tresources vm:100,vm:101\n\taffinity positive\n\n"
                + "resource-affinity: pb\n\tresources vm:101,vm:102\n\taffinity positive\n\n"
                + "resource-affinity: apart\n\tresources vm:100,vm:103\n\taffinity negative\n\n"
                + "node-affinity: prefer\n\tresources vm:102\n\tnodes pve2\n"));

        var rules = HaRuleSet.Evaluate(model);

        Assert.Empty(rules.Dropped);
        Assert.Equal(["_merged-pa-pb"], rules.PositiveRules.Select(r => r.Id));
        Assert.Equal(["vm:100", "vm:101"], rules.PositivePartners("vm:102"));
        Assert.Equal(["vm:100", "vm:101", "vm:102"], rules.NegativePartners("vm:103"));
        var compiled = rules.NodeAffinityOf("vm:100")!;
        Assert.Equal(("prefer", false), (compiled.RuleId, compiled.Strict));
        Assert.Equal(new Dictionary<string, int> { ["pve1"] = -1, ["pve2"] = 0, ["pve3"] = -1 }, compiled.Nodes);
        Assert.False(rules.DependsOnHashOrder);
    }
}
