using Xunit.Abstractions;

namespace PveLint.Parsers.Tests.Analysis.Quorum;

/// <summary>
/// The evaluator (votequorum port + qnetd ffsplit/lms) against real corosync 3.1.7 and corosync-qnetd 3.0.3 run by
/// corosync-netns.sh: every running node's quorate flag, total votes, expected votes, quorum and QDevice vote after
/// every step of every recorded scenario (tests/oracles/qdevice-netns, README there).
/// </summary>
public class QdeviceNetnsAgreementTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_node_agrees_with_real_corosync_and_qnetd()
    {
        var scenarios = QdeviceNetnsOracle.Scenarios();
        var comparison = QdeviceNetnsOracle.Compare(scenarios);
        output.WriteLine($"{comparison.Scenarios} scenarios, {comparison.Steps} states, {comparison.NodeVerdicts} node verdicts: " +
                         $"{comparison.Disagreements.Count} disagreements");
        foreach (var d in comparison.Disagreements) output.WriteLine(d);
        Assert.True(comparison.Scenarios >= 12, $"only {comparison.Scenarios} recorded scenarios");
        Assert.Empty(comparison.Disagreements);
    }

    [Fact]
    public void The_replay_groups_nodes_as_the_harness_steps_say()
    {
        var steps = HarnessReplay.Of(["partition 1,2|3,4 + qnetd-cut 1,2", "qnetd-heal", "heal", "down 3,4", "qnetd-down", "start 3", "isolate 1"], [1, 2, 3, 4]);
        string Show(int k) => string.Join(" ", steps[k].Select(g => $"[{string.Join(",", g.Nodes)}]{(g.ReachesQnetd ? "" : "x")}"));
        Assert.Equal("[1,2]x [3,4]", Show(0));
        Assert.Equal("[1,2] [3,4]", Show(1));
        Assert.Equal("[1,2,3,4]", Show(2));
        Assert.Equal("[1,2]", Show(3));
        Assert.Equal("[1,2]x", Show(4));
        Assert.Equal("[1,2,3]x", Show(5));
        Assert.Equal("[1]x [2,3]x", Show(6));
        Assert.Throws<NotSupportedException>(() => HarnessReplay.Of(["qnetd-cut 1"], [1, 2]));
    }
}
