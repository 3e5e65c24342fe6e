using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.Engine;

namespace PveLint.Rules.LinterConfig;

/// <summary>
/// Unknown ids under <c>rules:</c>, <c>select:</c> and <c>ignore:</c> of .pvelint.yaml; the engine reports unknown
/// ids in suppression comments.
/// </summary>
public sealed class UnknownRuleId : Rule
{
    public static readonly RuleMetadata Meta = Define(
        "PVE9002", "unknown-rule-id",
        "A rule id or name in a suppression or in .pvelint.yaml that does not exist",
        Severity.Warning, RuleCategory.LinterConfig,
        "A misspelt rule id silences or configures nothing, so the finding it was meant for is still reported (or the severity change never happens).",
        "Use an id (PVE2003) or name (negative-affinity-exceeds-nodes) listed by 'pvelint rules'.",
        "suppression", "configuration");

    public override RuleMetadata Metadata => Meta;

    public override IEnumerable<Finding> Check(ClusterModel model) =>
        model.Config.Rules.Where(s => !RuleCatalogue.Contains(s.Rule.Value))
            .Select(s => Report(s.Rule.Span, $"'{s.Rule.Value}' under 'rules:' is not a pvelint rule id or name; the setting has no effect"))
            .Concat(UnknownEntries(model.Config.Select, "select"))
            .Concat(UnknownEntries(model.Config.Ignore, "ignore"));

    private IEnumerable<Finding> UnknownEntries(IEnumerable<Located<string>> entries, string key) =>
        entries.Where(e => !RuleSelection.IsKnown(e.Value))
            .Select(e => Report(e.Span, $"'{e.Value}' under '{key}:' is not a pvelint rule id, name or id prefix; the entry has no effect{RuleSelection.DidYouMean(e.Value)}"));
}
