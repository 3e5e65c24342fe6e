using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.HighAvailability;

public sealed class StrictAffinitySingleFailureDomain : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE2010", "strict-affinity-single-failure-domain",
        "A strict node-affinity rule whose nodes can all fail together",
        Severity.Error, RuleCategory.HighAvailability,
        "A strict node-affinity rule forbids every node it does not list. When all listed nodes fail — one node, or the nodes of one site — the CRM fences the guests and then finds no recovery node: they stay in the 'recovery' state, logging 'recovering service ... failed, no recovery node found' every round, until a listed node returns. The HA in 'HA guest' is gone.",
        "List nodes from another failure domain in the rule, or make it non-strict (the guests then prefer the listed nodes and still recover elsewhere).",
        "design", "node-affinity", "site");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model)
    {
        if (FailureDomains.WholeClusterIsOne(model)) yield break;
        var rules = HaRuleSet.Evaluate(model);
        foreach (var rule in rules.NodeAffinityRules.Where(r => r.Strict))
        {
            var nodes = FailureDomains.Known(model, rule.Nodes.Keys);
            if (nodes.Count == 0 || FailureDomains.Single(model, nodes) is not { } domain) continue;
            var where = nodes.Count == 1 ? $"only on node {nodes[0]}" : $"only on {HaText.List(nodes)}, which are all in {domain}";
            var message = $"Strict {rule.Describe()} lets {HaText.Resources(model, rule.Resources)} run {where}: when {domain} fails, "
                          + $"the CRM fences {HaText.Plural(rule.Resources.Count, "it", "them")} and finds no recovery node, so {HaText.Plural(rule.Resources.Count, "it stays", "they stay")} in recovery ('no recovery node found') until {(nodes.Count == 1 ? domain : "a node of " + domain)} returns."
                          + FailureDomains.Basis(model);
            yield return Report(rule.Span, message);
        }
    }
}
