using System.Text.Json;
using System.Text.Json.Nodes;
using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Binding;
using PveLint.HighAvailability;
using PveLint.Model;
using PveLint.Tests;
using PveLint.Text;

namespace PveLint.Parsers.Tests.Analysis;

/// <summary>
/// pvelint's HA rule engine against pve-ha-manager's own <c>check_feasibility</c>/<c>transform</c>/<c>compile</c>
/// on 400 generated and a few hand-written rule sets (tests/oracle-data/ha-rules: inputs, the oracle's outputs under
/// 16 Perl hash seeds, and the scripts that regenerate them from the upstream code). Every case must agree exactly:
/// the dropped rules, each with the CRM's reasons in log order, the effective rules after the transforms, and the
/// compiled node affinity. Where the oracle's outcome changed with the hash seed, pvelint must say so
/// (<see cref="EffectiveHaRules.DependsOnHashOrder"/>) and give one of the outcomes the oracle showed.
/// </summary>
public class HaRulesOracleTests
{
    private static string DataDir => Path.Combine(TestPaths.RepoRoot, "tests", "oracle-data", "ha-rules");

    private static IEnumerable<JsonObject> Lines(string file) =>
        File.ReadLines(Path.Combine(DataDir, file)).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject());

    public static TheoryData<string, TargetRelease> Releases() => new()
    {
        { "5.0.8", TargetRelease.Pve91 },
        { "5.0.5", TargetRelease.Pve90 },
    };

    [Theory]
    [MemberData(nameof(Releases))]
    public void Drops_and_effective_rules_equal_the_ha_cores_on_every_generated_rule_set(string version, TargetRelease target)
    {
        var oracle = Lines($"rules-oracle-{version}.jsonl").ToDictionary(o => (string)o["name"]!);
        var cases = Lines("rules-cases.jsonl").ToList();
        Assert.True(cases.Count >= 300, $"only {cases.Count} cases");

        var failures = new List<string>();
        foreach (var input in cases)
        {
            var name = (string)input["name"]!;
            var expected = oracle[name];
            Assert.Null(expected["error"]);
            var effective = Evaluate(input, target);
            Compare(failures, name, "dropped", expected["dropped"]!, DroppedView(effective));
            var outcome = new JsonObject { ["rules"] = RulesView(effective) };
            if (expected["node_affinity"] is not null) outcome["node_affinity"] = CompiledView(effective);
            if (expected["variants"] is JsonArray variants)
            {
                if (!effective.DependsOnHashOrder) failures.Add($"{name}: the oracle's outcome depends on the hash seed, pvelint did not notice");
                if (!variants.Any(v => JsonNode.DeepEquals(Canonical(v), Canonical(outcome)))) failures.Add($"{name}: none of the oracle's {variants.Count} outcomes: {outcome.ToJsonString()}");
                continue;
            }
            Compare(failures, name, "rules", expected["rules"]!, outcome["rules"]!);
            if (expected["node_affinity"] is { } compiled) Compare(failures, name, "node_affinity", compiled, outcome["node_affinity"]!);
            if (effective.DependsOnHashOrder) failures.Add($"{name}: pvelint suspects hash-order dependence the oracle did not show");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count * 3} comparisons differ from ha-manager {version}:\n" + string.Join("\n", failures.Take(10)));
    }

    [Fact]
    public void The_generated_cases_exercise_every_check_and_transform()
    {
        var reasons = Lines("rules-oracle-5.0.8.jsonl")
            .SelectMany(o => o["dropped"]!.AsObject().SelectMany(kv => kv.Value!.AsArray().Select(m => (string)m!)))
            .ToList();
        foreach (var message in new[]
                 {
                     FeasibilityMessages.TooFewResources, FeasibilityMessages.NegativeExceedsNodes, FeasibilityMessages.PositiveSharesWithNegative,
                     FeasibilityMessages.NegativeSharesWithPositive, FeasibilityMessages.ResourceAffinityWithMultiPriority,
                     FeasibilityMessages.NodeAffinityWithMultiPriorityInResourceAffinity, FeasibilityMessages.PositiveInSeveralNodeAffinityRules,
                     FeasibilityMessages.NodeAffinityWithOtherPositiveMembers, FeasibilityMessages.NegativeRestrictedToFewerNodes,
                     FeasibilityMessages.NodeAffinityRestrictsNegative,
                 })
            Assert.True(reasons.Count(r => r == message) >= 10, $"fewer than 10 drops for '{message}'");
        Assert.True(reasons.Count(r => r.EndsWith("is already used in another node affinity rule", StringComparison.Ordinal)) >= 10);
        var ids = Lines("rules-oracle-5.0.8.jsonl").SelectMany(o => o["rules"]!.AsObject().Select(kv => kv.Key)).ToList();
        Assert.True(ids.Count(i => i.StartsWith("_merged-", StringComparison.Ordinal)) >= 10);
        Assert.True(ids.Count(i => i.StartsWith("_implicit-negative-", StringComparison.Ordinal)) >= 10);
    }

    internal static EffectiveHaRules Evaluate(JsonObject input, TargetRelease target)
    {
        var file = new SourceFile("etc/pve/ha/rules.cfg", (string)input["rules"]!);
        var context = new BindContext(target);
        var rules = HaConfigReader.ReadRules(file, context);
        var nodes = input["nodes"]!.AsArray().Select(n => (string)n!);
        return HaRuleSet.Evaluate(rules.Select(HaRuleDefinition.From), nodes, HaCoreRelease.For(target));
    }

    private static JsonNode DroppedView(EffectiveHaRules effective) =>
        new JsonObject(effective.Dropped.Select(d => KeyValuePair.Create(d.Id, (JsonNode?)new JsonArray(d.Reasons.Select(r => (JsonNode?)r.Message).ToArray()))));

    private static JsonNode RulesView(EffectiveHaRules effective) =>
        new JsonObject(effective.Effective.Select(r =>
        {
            var view = new JsonObject
            {
                ["type"] = r.IsNodeAffinity ? "node-affinity" : "resource-affinity",
                ["order"] = r.Order,
                ["resources"] = new JsonArray(r.Resources.Select(s => (JsonNode?)s).ToArray()),
            };
            if (r.Affinity is { } a) view["affinity"] = a == ResourceAffinityKind.Positive ? "positive" : "negative";
            if (r.IsNodeAffinity)
            {
                view["strict"] = r.Strict ? 1 : 0;
                view["nodes"] = new JsonObject(r.Nodes.Select(n => KeyValuePair.Create(n.Key, (JsonNode?)n.Value)));
            }
            return KeyValuePair.Create(r.Id, (JsonNode?)view);
        }));

    private static JsonNode CompiledView(EffectiveHaRules effective) =>
        new JsonObject(effective.NodeAffinityRules.SelectMany(r => r.Resources).Distinct().Order(StringComparer.Ordinal)
            .Select(sid => KeyValuePair.Create(sid, (JsonNode?)new JsonObject(effective.NodeAffinityOf(sid)!.Nodes.Select(n => KeyValuePair.Create(n.Key, (JsonNode?)n.Value))))));

    /// <summary>Compares two JSON trees with object keys in any order.</summary>
    private static void Compare(List<string> failures, string name, string what, JsonNode expected, JsonNode actual)
    {
        if (!JsonNode.DeepEquals(Canonical(expected), Canonical(actual)))
            failures.Add($"{name} {what}: expected {expected.ToJsonString()} got {actual.ToJsonString()}");
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Canonical(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        JsonValue v => JsonNode.Parse(v.ToJsonString()),
        _ => null,
    };
}
