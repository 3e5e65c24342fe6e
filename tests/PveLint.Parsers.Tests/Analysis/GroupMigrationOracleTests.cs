using System.Text.Json.Nodes;
using PveLint.Analysis.HighAvailability.Rules;
using PveLint.Binding;
using PveLint.Sources;
using PveLint.Tests;

namespace PveLint.Parsers.Tests.Analysis;

/// <summary>
/// <see cref="GroupMigrationWriter"/> against pve-ha-manager 5.0.8's own group migration (the real Config.pm and
/// Groups.pm functions, under 64 Perl hash seeds) on upstream's test-group-migrate configuration and 80 generated
/// groups.cfg/resources.cfg/rules.cfg sets (tests/oracle-data/ha-rules). resources.cfg must be byte-identical, and
/// so must every rules.cfg section. The HA core sorts the sections by its order numbers and breaks ties (migrated
/// rules get "lowest order + 1") in Perl's hash order, so it writes several files for one input: pvelint's sections
/// must come in the order of the HA core's order numbers, and the whole file must be one the HA core was seen to write
/// on most cases (the rest differ only in how ties are broken, which no run of upstream fixes).
/// </summary>
public class GroupMigrationOracleTests
{
    private static string DataDir => Path.Combine(TestPaths.RepoRoot, "tests", "oracle-data", "ha-rules");

    private static IEnumerable<JsonObject> Lines(string file) =>
        File.ReadLines(Path.Combine(DataDir, file)).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject());

    private static GroupMigrationResult Migrate(JsonObject files)
    {
        var tree = new ConfigTree(files.Select(kv => new ConfigFile("etc/pve/ha/" + kv.Key, (string)kv.Value!, "etc/pve/ha/" + kv.Key)));
        return GroupMigrationWriter.Write(ClusterBinder.Bind(tree).Ha);
    }

    [Fact]
    public void Writes_what_the_ha_core_writes_on_every_case()
    {
        var oracle = Lines("migration-oracle-5.0.8.jsonl").ToDictionary(o => (string)o["name"]!);
        var cases = Lines("migration-cases.jsonl").ToList();
        Assert.True(cases.Count >= 51, $"only {cases.Count} cases");
        var failures = new List<string>();
        var wholeFile = 0;
        foreach (var input in cases)
        {
            var name = (string)input["name"]!;
            var expected = oracle[name];
            Assert.Null(expected["error"]);
            var result = Migrate(input["files"]!.AsObject());

            if ((string?)expected["resources.cfg"] != result.ResourcesCfg)
                failures.Add($"{name} resources.cfg: expected {expected["resources.cfg"]?.ToJsonString()} got {JsonValue.Create(result.ResourcesCfg)?.ToJsonString()}");

            var sections = expected["rules_sections"]!.AsArray().Select(s => (string)s!).ToList();
            var written = Sections(result.RulesCfg);
            if (!written.Order(StringComparer.Ordinal).SequenceEqual(sections.Order(StringComparer.Ordinal)))
            {
                failures.Add($"{name} rules.cfg sections: expected {new JsonArray(sections.Select(s => (JsonNode?)s).ToArray()).ToJsonString()} got {JsonValue.Create(result.RulesCfg)!.ToJsonString()}");
                continue;
            }
            var orders = expected["rules_orders"]!.AsArray().Select(o => string.Concat(o!.AsArray().Select(i => sections[(int)i!])));
            if (orders.Contains(result.RulesCfg)) wholeFile++;
            var ids = written.Select(s => s[(s.IndexOf(": ", StringComparison.Ordinal) + 2)..s.IndexOf('\n')]).ToList();
            var sortedByUpstreamOrder = expected["order_values"]!.AsArray().Any(values =>
                ids.Select(id => (int)values![id]!).Zip(ids.Skip(1).Select(id => (int)values![id]!)).All(p => p.First <= p.Second));
            if (!sortedByUpstreamOrder) failures.Add($"{name}: rules.cfg sections are not in the HA core's order: {string.Join(", ", ids)}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} differences:\n" + string.Join("\n", failures.Take(8)));
        // Whole files identical to one the HA core wrote (the others differ only in ties upstream breaks by hash order).
        Assert.True(wholeFile >= cases.Count * 95 / 100, $"only {wholeFile}/{cases.Count} whole rules.cfg files identical to one the HA core wrote");
    }

    [Fact]
    public void Upstream_test_group_migrate_gives_the_files_of_upstreams_simulator()
    {
        // test-group-migrate2 and -4 of pve-ha-manager 5.0.8 (same configuration) wrote these two files in the simulator.
        const string group1 = "node-affinity: ha-group-group1\n\tcomment Generated from HA group 'group1'.\n\tnodes node1\n\tresources vm:101\n\tstrict 1\n\n";
        const string group2 = "node-affinity: ha-group-group2\n\tcomment Generated from HA group 'group2'.\n\tnodes node2:2,node3\n\tresources vm:102,vm:103\n\n";
        var input = Lines("migration-cases.jsonl").Single(c => (string)c["name"]! == "upstream-test-group-migrate");
        var result = Migrate(input["files"]!.AsObject());
        Assert.Contains(result.RulesCfg, new[] { group1 + group2, group2 + group1 });
        Assert.Equal("vm: 101\n\tfailback 1\n\tstate started\n\nvm: 102\n\tfailback 0\n\tstate started\n\nvm: 103\n\tfailback 0\n\tstate started\n\n", result.ResourcesCfg);
    }

    private static List<string> Sections(string text) => text.Split("\n\n")[..^1].Select(s => s + "\n\n").ToList();
}
