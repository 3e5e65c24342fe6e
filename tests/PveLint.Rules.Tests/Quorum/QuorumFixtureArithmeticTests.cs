using System.Text.Json;
using PveLint.Binding;
using PveLint.Rules.Engine;
using PveLint.Tests;

namespace PveLint.Rules.Tests.Quorum;

/// <summary>
/// The verdicts PVE1001 and PVE1013 state on their bad fixtures ("leaves 2 (inquorate)") against corosync-vqsim run
/// on the same corosync.conf (tests/oracles/vqsim, cases fixture-*): after each failure, every surviving node's flag.
/// </summary>
public class QuorumFixtureArithmeticTests
{
    private static Dictionary<int, bool> FinalState(string caseId)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests", "oracles", "vqsim", "results.json")));
        var shows = doc.RootElement.GetProperty("results").GetProperty(caseId).GetProperty("shows");
        return shows[shows.GetArrayLength() - 1].EnumerateObject().ToDictionary(n => int.Parse(n.Name), n => n.Value.GetProperty("q").GetInt32() == 1);
    }

    private static string Message(string rule) =>
        LintEngine.Run(ClusterBinder.Bind(FixtureTree.Load(Path.Combine(TestPaths.Fixtures, rule, "bad")))).Findings.Single(f => f.RuleId == rule).Message;

    [Fact]
    public void PVE1001_losing_either_room_or_the_link_leaves_no_quorate_node_in_vqsim()
    {
        var message = Message("PVE1001");
        Assert.Contains("losing room-a's 2 votes leaves 2 (inquorate)", message);
        Assert.Contains("losing room-b's 2 votes leaves 2 (inquorate)", message);
        Assert.Contains("cutting the link between them leaves 2 on each side (inquorate)", message);
        Assert.Equal(new Dictionary<int, bool> { [3] = false, [4] = false }, FinalState("fixture-PVE1001-lose-room-a"));
        Assert.Equal(new Dictionary<int, bool> { [1] = false, [2] = false }, FinalState("fixture-PVE1001-lose-room-b"));
        Assert.Equal(new Dictionary<int, bool> { [1] = false, [2] = false, [3] = false, [4] = false }, FinalState("fixture-PVE1001-cut"));
    }

    [Fact]
    public void PVE1013_losing_either_node_leaves_the_other_inquorate_in_vqsim()
    {
        var message = Message("PVE1013");
        Assert.Contains("losing pve1 leaves 1 (inquorate), losing pve2 leaves 1 (inquorate)", message);
        Assert.Equal(new Dictionary<int, bool> { [2] = false }, FinalState("fixture-PVE1013-lose-pve1"));
        Assert.Equal(new Dictionary<int, bool> { [1] = false }, FinalState("fixture-PVE1013-lose-pve2"));
    }
}
