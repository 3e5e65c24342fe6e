using System.Text.Json.Nodes;
using PveLint.Binding;
using PveLint.Rules.Engine;
using PveLint.Sources;
using PveLint.Tests;

namespace PveLint.Rules.Tests.Ceph;

/// <summary>Fuzz finding (pipeline target): a monitor map that repeats a monitor name crashed PVE3013.</summary>
public class MonitorConfigMismatchRobustnessTests
{
    [Fact]
    public void A_monitor_map_repeating_a_name_is_judged_without_a_crash()
    {
        var files = new Dictionary<string, string>(FixtureTree.Files(Path.Combine(TestPaths.Fixtures, "PVE3013", "bad")));
        var monmap = JsonNode.Parse(files["ceph/monmap.json"])!;
        var mons = monmap["mons"]!.AsArray();
        mons.Add(mons[0]!.DeepClone());
        files["ceph/monmap.json"] = monmap.ToJsonString();

        var findings = LintEngine.Run(ClusterBinder.Bind(ConfigTree.FromTexts(files))).Findings;

        Assert.DoesNotContain(findings, f => f.RuleId == "PVE9000");
        Assert.Contains(findings, f => f.RuleId == "PVE3013");
    }
}
