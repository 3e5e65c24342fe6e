using PveLint.Binding;
using PveLint.Rules.Engine;
using PveLint.Tests;

namespace PveLint.Rules.Tests.HighAvailability;

/// <summary>
/// The HA mistakes of the project's seed, written as one cluster (tests/fixtures/ha-scenarios/seed-mistakes), and a
/// well-designed cluster (anti-affinity on every redundant pair, non-strict single-priority preferences, headroom)
/// that must give no PVE2xxx finding.
/// </summary>
public class HaScenarioTests
{
    private static string Scenario(string name) => Path.Combine(TestPaths.Fixtures, "ha-scenarios", name);

    private static string[] Findings(string name, Func<Finding, bool> which) =>
        LintEngine.Run(ClusterBinder.Bind(FixtureTree.Load(Scenario(name)))).Findings.Where(which)
            .Select(f => $"{f.RuleId} {f.Span?.Path}({f.Span?.Line},{f.Span?.Column})").ToArray();

    [Fact]
    public void The_seeds_ha_mistakes_each_give_their_finding()
    {
        var findings = Findings("seed-mistakes", f => f.RuleId.StartsWith("PVE2", StringComparison.Ordinal) || f.RuleId == "PVE0006");

        Assert.Equal(new[]
        {
            "PVE2012 etc/pve/ha/groups.cfg(1,1)",              // groups.cfg left over on PVE 9
            "PVE2009 etc/pve/ha/resources.cfg(1,1)",           // dc01/dc02: their negative rule was swallowed
            "PVE2009 etc/pve/ha/resources.cfg(7,1)",           // lb-a/lb-b: 'disable 0' disables their negative rule
            "PVE2009 etc/pve/ha/resources.cfg(13,1)",          // db-primary/db-replica: no negative rule
            "PVE2009 etc/pve/ha/resources.cfg(22,1)",          // web1/web2: a name guess
            "PVE2010 etc/pve/ha/rules.cfg(1,1)",               // strictly bound to pve1 and pve2, which fail together (site dc-a)
            "PVE2011 etc/pve/ha/rules.cfg(4,2)",               // ... and nothing on erp needs those nodes
            "PVE2015 etc/pve/ha/rules.cfg(7,2)",               // 'disable 0'
            "PVE2002 etc/pve/ha/rules.cfg(11,1)",              // the rule that swallowed the next header keeps one resource
            "PVE0006 etc/pve/ha/rules.cfg(14,1)",              // the swallowed header
            "PVE2013 etc/pve/ha/rules.cfg(18,1)",              // a node-affinity rule per group, hand-copied from groups.cfg
        }, findings);
    }

    [Fact]
    public void A_well_designed_cluster_gives_no_ha_finding()
    {
        Assert.Empty(Findings("well-designed", f => f.RuleId.StartsWith("PVE2", StringComparison.Ordinal)));
        // The quorum, Ceph, DR and simulation rules judge other parts of this cluster; the HA fixture answers for input and HA only.
        Assert.Empty(Findings("well-designed", f => f.Severity != PveLint.Diagnostics.Severity.Info && f.RuleId.StartsWith("PVE0", StringComparison.Ordinal)));
    }
}
