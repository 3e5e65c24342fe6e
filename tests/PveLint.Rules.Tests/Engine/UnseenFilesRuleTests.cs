using PveLint.Binding;
using PveLint.Rules.Engine;
using PveLint.Sources;
using PveLint.Tests;

namespace PveLint.Rules.Tests.Engine;

/// <summary>Issue 13, defect 4 at the rule level: a resources.cfg the scan skipped is unknown, so no guest is "not an HA resource".</summary>
public class UnseenFilesRuleTests
{
    [Fact]
    public void An_ignored_resources_file_makes_no_guest_unmanaged()
    {
        var bad = Path.Combine(TestPaths.Fixtures, "PVE2016", "bad");
        var tree = FixtureTree.Load(bad);
        var ignoring = new ConfigTree(tree.Files.Append(new ConfigFile(".pvelint.yaml", "ignore-paths: [\"ha/resources.cfg\"]\n", ".pvelint.yaml")));

        Assert.Single(LintEngine.Run(ClusterBinder.Bind(tree)).Findings, f => f.RuleId == "PVE2016");
        Assert.DoesNotContain(LintEngine.Run(ClusterBinder.Bind(ignoring)).Findings, f => f.RuleId == "PVE2016");
    }
}
