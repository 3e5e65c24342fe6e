using PveLint.Diagnostics;
using PveLint.HighAvailability;
using PveLint.Model;
using static PveLint.Parsers.Tests.ReaderTestKit;

namespace PveLint.Parsers.Tests.HighAvailability;

/// <summary>ha/rules.cfg (reference/pve-ha-manager.md §1.4, §2.4): traps and every corpus rules file.</summary>
public class HaRulesTests() : ReaderTests<List<HaRule>>("etc/pve/ha/rules.cfg", (f, c) => HaConfigReader.ReadRules(f, c).ToList())
{
    private static string[] Sids(HaRule rule) => rule.Resources.Select(r => r.Value).ToArray();

    private static (string, int)[] Nodes(HaRule rule) => rule.Nodes.Select(n => (n.Node.Value, n.Priority)).ToArray();

    // ---- traps ----

    [Fact]
    public void Strict_yes_is_not_a_boolean()
    {
        var (rules, context) = Read("node-affinity: r1\n\tresources vm:101\n\tnodes node1\n\tstrict yes\n");

        Assert.False(Assert.Single(rules).Strict);
        var d = context.Single(DiagnosticIds.InvalidValue);
        d.AssertAt(4, 9, 3);
        Assert.Contains("'strict' is a boolean and PVE accepts only 0 or 1 here, not 'yes'", d.Message);
    }

    [Fact]
    public void A_bare_vmid_in_resources_breaks_the_rule_and_stops_the_crm_before_ha_manager_5_1_2()
    {
        const string text = "resource-affinity: apart\n\tresources vm:101,102\n\taffinity negative\n";
        var (rules, context) = Read(text);

        Assert.Empty(rules);
        Assert.Collection(context.Diagnostics,
            d =>
            {
                Assert.Equal(DiagnosticIds.InvalidValue, d.Id);
                d.AssertAt(2, 19, 3);
                Assert.Contains("'102' is a bare VMID, but a rule needs a resource id such as 'vm:102' or 'ct:102'", d.Message);
            },
            d =>
            {
                Assert.Equal(DiagnosticIds.MissingRequiredKey, d.Id);
                d.AssertAt(1, 1);
                Assert.Contains("has no valid 'resources' (the one on line 2 was rejected)", d.Message);
                Assert.Contains("HA stops starting, migrating and recovering all services", d.Message);
            });

        var (_, on92) = Read(text, TargetRelease.Pve92);
        Assert.DoesNotContain("CRM round fail", on92.Single(DiagnosticIds.MissingRequiredKey).Message);
    }

    [Fact]
    public void Rule_ids_need_two_characters()
    {
        var (rules, context) = Read("node-affinity: x\n\tresources vm:101\n\tnodes node1\n");

        Assert.Empty(rules);
        var d = context.Single(DiagnosticIds.InvalidValue);
        d.AssertAt(1, 16, 1);
        Assert.Contains("PVE skips node-affinity rule 'x' with all its keys: invalid configuration ID 'x'", d.Message);
    }

    [Fact]
    public void Required_keys_per_rule_type()
    {
        var (rules, context) = Read("node-affinity: no-nodes\n\tresources vm:101\n\nresource-affinity: no-affinity\n\tresources vm:101,vm:102\n\nnode-affinity: no-resources\n\tnodes node1\n");

        Assert.Empty(rules);
        Assert.Collection(context.Diagnostics,
            d => { d.AssertAt(1, 1); Assert.Contains("Node-affinity rule 'no-nodes' has no 'nodes', which is required", d.Message); },
            d => { d.AssertAt(4, 1); Assert.Contains("Resource-affinity rule 'no-affinity' has no 'affinity'", d.Message); },
            d => { d.AssertAt(7, 1); Assert.Contains("'resources'", d.Message); });
        Assert.All(context.Diagnostics, d => Assert.Equal(DiagnosticIds.MissingRequiredKey, d.Id));
    }

    [Fact]
    public void Disable_is_tested_for_presence_so_disable_0_still_disables()
    {
        var (rules, context) = Read("""
            node-affinity: zero
            	resources vm:101
            	nodes node1
            	disable 0

            node-affinity: bare
            	resources vm:102
            	nodes node1
            	disable

            node-affinity: word
            	resources vm:103
            	nodes node1
            	disable yes

            node-affinity: none
            	resources vm:104
            	nodes node1
            """);

        Assert.Equal([true, true, false, false], rules.Select(r => r.Disabled));
        Assert.Equal("0", rules[0].Section.Get("disable")!.Value);
        // 'disable yes' is rejected, so the key is gone and the rule stays enabled.
        context.Single(DiagnosticIds.InvalidValue).AssertAt(14, 10);
    }

    [Fact]
    public void Each_rule_type_knows_only_its_own_keys()
    {
        var (rules, context) = Read("resource-affinity: together\n\tresources vm:101,vm:102\n\taffinity positive\n\tnodes node1\n\tstrict 1\n");

        var rule = Assert.Single(rules);
        Assert.True(rule.IsPositive);
        Assert.Empty(rule.Nodes);
        Assert.Collection(context.Diagnostics,
            // Property isolation: resource-affinity has no schema for 'nodes', so PVE says 'unknown property type'
            // (checked against PVE 9.1's parser, tests/oracle-data/sectionconfig).
            d => { d.AssertAt(4, 2, 5); Assert.Contains("'nodes' is not a key PVE knows in ha/rules.cfg ('unknown property type')", d.Message); },
            d => d.AssertAt(5, 2, 6));
        Assert.All(context.Diagnostics, d => Assert.Equal(DiagnosticIds.UnknownKey, d.Id));
    }

    [Fact]
    public void A_swallowed_rule_merges_into_the_one_above()
    {
        var (rules, context) = Read("node-affinity: first\n\tresources vm:101\n\tnodes node1\nnode-affinity: second\n\tresources vm:102\n\tnodes node2\n\tstrict 1\n");

        var rule = Assert.Single(rules);
        Assert.Equal("first", rule.Id.Value);
        Assert.Equal(["vm:101"], Sids(rule));
        Assert.True(rule.Strict);
        // One mistake, one finding: the repeated keys of the swallowed body are consequences, shown as related locations.
        var d = Assert.Single(context.Diagnostics);
        Assert.Equal(DiagnosticIds.SwallowedSection, d.Id);
        d.AssertAt(4, 1);
        Assert.Equal([1, 5, 6], d.RelatedSpans.Select(r => r.Span.Line));
        Assert.Contains("PVE keeps the first value 'vm:101' from line 2", d.RelatedSpans[1].Message);
        Assert.Contains("2 more problems follow from it", d.Message);
        Assert.Null(d.Severity);
    }

    [Fact]
    public void A_swallowed_rule_keeps_its_own_mistakes_separate()
    {
        // 'strict' twice inside the swallowed part is a mistake of its own, not a consequence of the header.
        var (_, context) = Read("node-affinity: first\n\tresources vm:101\n\tnodes node1\nnode-affinity: second\n\tstrict 1\n\tstrict 0\n");

        Assert.Equal([(DiagnosticIds.SwallowedSection, 4, 1), (DiagnosticIds.DuplicateKey, 6, 2)], context.Positions());
        Assert.Equal([1], context.Diagnostics[0].RelatedSpans.Select(r => r.Span.Line));
    }

    [Fact]
    public void A_later_rule_with_the_same_id_replaces_the_earlier_one()
    {
        var (rules, context) = Read("node-affinity: pin\n\tresources vm:101\n\tnodes node1\n\nnode-affinity: pin\n\tresources vm:202\n\tnodes node2\n");

        var rule = Assert.Single(rules);
        Assert.Equal(["vm:202"], Sids(rule));
        var d = context.Single(DiagnosticIds.DuplicateSection);
        d.AssertAt(5, 1);
        Assert.Contains("PVE silently replaces the earlier node-affinity rule 'pin' with this one", d.Message);
        Assert.Equal(1, d.RelatedSpans.Single().Span.Line);
    }

    [Fact]
    public void An_inline_comment_in_nodes_breaks_the_node_list()
    {
        var (rules, context) = Read("node-affinity: pin\n\tresources vm:101\n\tnodes node1 # primary\n");

        Assert.Empty(rules);
        Assert.Equal([(DiagnosticIds.InlineCommentInValue, 3, 14), (DiagnosticIds.MissingRequiredKey, 1, 1)], context.Positions());
        var comment = context.Diagnostics[0];
        Assert.Equal(3, comment.RelatedSpans.Single().Span.Line);
        Assert.Contains("is invalid", comment.RelatedSpans.Single().Message);
        Assert.Equal(Severity.Error, comment.Severity);
    }

    [Fact]
    public void Types_are_lower_cased_and_unknown_types_are_skipped()
    {
        var (rules, context) = Read("Node-Affinity: upper\n\tresources vm:101\n\tnodes node1:3\n\ncolocation: c1\n\tresources vm:101\n");

        var rule = Assert.Single(rules);
        Assert.Equal((HaRuleType.NodeAffinity, "node-affinity"), (rule.Type, rule.Section.Type));
        var d = context.Single(DiagnosticIds.UnknownKey);
        d.AssertAt(5, 1, 10);
        Assert.Contains("Section type 'colocation' is not known to PVE in ha/rules.cfg (known: node-affinity, resource-affinity)", d.Message);
    }

    [Fact]
    public void Node_lists_keep_spans_and_the_last_priority_of_a_repeated_node()
    {
        var (rules, context) = Read("node-affinity: r1\n\tresources vm:101 ct:102;vm:101\n\tnodes node1:2,node2 node1:5\n");

        var rule = Assert.Single(rules);
        Assert.Equal(["vm:101", "ct:102"], Sids(rule));
        Assert.Equal((2, 19), (rule.Resources[1].Span.Line, rule.Resources[1].Span.Column));
        Assert.Equal([("node1", 5), ("node2", 0)], Nodes(rule));
        Assert.Equal((3, 8, 13), (rule.Nodes[0].Node.Span.Line, rule.Nodes[0].Node.Span.Column, rule.Nodes[0].Node.Span.EndColumn));
        var d = context.Single(DiagnosticIds.DuplicateKey);
        d.AssertAt(3, 22, 5);
        Assert.Contains("PVE keeps only the last entry 'node1:5' (priority 5)", d.Message);
    }

    // ---- corpus: every rules file ----

    [SharedFact]
    public void Corpus_pve_docs_node_affinity()
    {
        var (rules, context) = ReadCorpus("proxmox-pve-docs", "ha-manager-node-affinity", "rules.cfg");
        Assert.Empty(context.Diagnostics);
        Assert.Equal(["ha-rule-vm100", "priority-cascade"], rules.Select(r => r.Id.Value));
        Assert.All(rules, r => Assert.Equal(HaRuleType.NodeAffinity, r.Type));
        Assert.Equal((true, false), (rules[0].Strict, rules[1].Strict));
        Assert.Equal(["vm:100"], Sids(rules[0]));
        Assert.Equal([("node1", 0)], Nodes(rules[0]));
        Assert.Equal(["vm:200", "ct:300"], Sids(rules[1]));
        Assert.Equal([("node1", 2), ("node2", 1), ("node3", 1), ("node4", 0)], Nodes(rules[1]));
        Assert.All(rules, r => Assert.False(r.Disabled));
    }

    [SharedFact]
    public void Corpus_pve_docs_resource_affinity()
    {
        var (rules, context) = ReadCorpus("proxmox-pve-docs", "ha-manager-resource-affinity", "rules.cfg");
        Assert.Empty(context.Diagnostics);
        Assert.Equal(["keep-together", "keep-separate"], rules.Select(r => r.Id.Value));
        Assert.All(rules, r => Assert.Equal(HaRuleType.ResourceAffinity, r.Type));
        Assert.True(rules[0].IsPositive);
        Assert.True(rules[1].IsNegative);
        Assert.Equal(["vm:100", "vm:200"], Sids(rules[0]));
        Assert.Equal(["vm:200", "ct:300"], Sids(rules[1]));
        Assert.Equal((7, 18), (rules[1].Affinity!.Span.Line, rules[1].Affinity!.Span.Column));
    }

    [SharedFact]
    public void Corpus_ha_manager_test_basic5_rules_config()
    {
        var (rules, context) = ReadCorpus("proxmox-pve-ha-manager", "test-basic5", "rules_config");
        Assert.Empty(context.Diagnostics);
        var rule = Assert.Single(rules);
        Assert.Equal(("vm101-should-be-on-node1", HaRuleType.NodeAffinity, false), (rule.Id.Value, rule.Type, rule.Strict));
        Assert.Equal([("node1", 0)], Nodes(rule));
        Assert.Equal(["vm:101"], Sids(rule));
    }

    [SharedFact]
    public void Corpus_ha_manager_defaults_for_node_affinity_rules()
    {
        var (rules, context) = ReadCorpus("proxmox-pve-ha-manager", "rules_cfgs", "defaults-for-node-affinity-rules.cfg");
        Assert.Empty(context.Diagnostics);
        Assert.Equal(["node-affinity-defaults", "node-affinity-disabled", "node-affinity-disabled-explicit", "node-affinity-strict"], rules.Select(r => r.Id.Value));
        Assert.Equal([false, true, true, false], rules.Select(r => r.Disabled));
        Assert.Equal([false, false, false, true], rules.Select(r => r.Strict));
        Assert.True(rules[1].Section.Properties["disable"].IsBareFlag);
        Assert.Equal(["vm:101", "vm:102", "vm:103", "vm:104"], rules.Select(r => r.Resources.Single().Value));
        Assert.Equal(["node1", "node2", "node2", "node3"], rules.Select(r => r.Nodes.Single().Node.Value));
    }

    [SharedFact]
    public void Corpus_ha_manager_multi_priority_node_affinity_with_resource_affinity()
    {
        var (rules, context) = ReadCorpus("proxmox-pve-ha-manager", "rules_cfgs", "multi-priority-node-affinity-with-resource-affinity-rules.cfg");
        Assert.Empty(context.Diagnostics);
        Assert.Equal(7, rules.Count);
        Assert.Equal(4, rules.Count(r => r.Type == HaRuleType.NodeAffinity));
        var first = rules[0];
        Assert.Equal(("vm101-vm102-should-be-on-node1-or-node2", false), (first.Id.Value, first.Strict));
        Assert.Equal([("node1", 1), ("node2", 2)], Nodes(first));
        Assert.Equal("0", first.Section.Get("strict")!.Value);
        Assert.True(rules[2].Strict);
        Assert.True(rules[3].IsPositive);
        // The last three sections are indented with eight spaces instead of a TAB.
        var last = rules[6];
        Assert.Equal(("vm301-vm302-must-be-kept-together", true), (last.Id.Value, last.IsNegative));
        Assert.Equal(["vm:301", "vm:302"], Sids(last));
        Assert.Equal([("node2", 2)], Nodes(rules[5]));
        Assert.Equal(15, rules[5].Section.Get("nodes")!.Span.Column);
    }
}
