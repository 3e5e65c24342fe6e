using PveLint.Analysis.HighAvailability.Placement;

namespace PveLint.Parsers.Tests.HighAvailabilityPlacement;

/// <summary>
/// The static scheduler (crs ha=static): TOPSIS over CPU and memory shares, usage updated after every decision
/// (reference §3.1 "static"; proxmox-resource-scheduling pve_static.rs).
/// </summary>
public class StaticSchedulerTests
{
    private const long GiB = 1L << 30;

    private static PlacementService Vm(string sid, string node, double cpu, long memoryGiB) =>
        new(sid, node, RequestedState.Started, CrmState.Started, Load: new GuestLoad(cpu, memoryGiB * GiB));

    private static PlacementInput Cluster(PlacementNode[] nodes, params PlacementService[] services) =>
        new([.. nodes], [.. services], CrsScheduler.Static);

    [Fact]
    public void Memory_headroom_beats_service_count()
    {
        // basic would pick node1 (no services); static sees node1 nearly full and node2 almost empty
        var input = Cluster([new("node1", 8, 16 * GiB), new("node2", 64, 256 * GiB), new("node3", 64, 256 * GiB)],
            Vm("vm:101", "node3", 4, 32),
            Vm("vm:201", "node1", 2, 12),
            Vm("vm:202", "node2", 2, 8), Vm("vm:203", "node2", 2, 8), Vm("vm:204", "node2", 2, 8));
        var plan = RecoverySimulation.Create(input, []).Fail(["node3"]);
        Assert.Equal(CrsScheduler.Static, plan.Scheduler);
        Assert.Equal("node2", plan.Service("vm:101")!.To);
        Assert.Contains("static score", plan.Service("vm:101")!.Reason);
        var basic = RecoverySimulation.Create(input with { Scheduler = CrsScheduler.Basic }, []).Fail(["node3"]);
        Assert.Equal("node1", basic.Service("vm:101")!.To);
    }

    [Fact]
    public void Each_recovery_adds_its_load_before_the_next_service_is_scored()
    {
        PlacementNode[] nodes = [new("node1", 16, 64 * GiB), new("node2", 16, 64 * GiB), new("node3", 16, 64 * GiB)];
        var plan = RecoverySimulation.Create(Cluster(nodes, Vm("vm:101", "node3", 4, 32), Vm("vm:102", "node3", 4, 32)), []).Fail(["node3"]);
        Assert.Equal("node1", plan.Service("vm:101")!.To); // equal nodes: the first name
        Assert.Equal("node2", plan.Service("vm:102")!.To); // node1 now holds vm:101
    }

    [Theory]
    [InlineData(0, "node2")] // no limit: the container counts as all 16 CPUs of node1
    [InlineData(1, "node1")] // a limit of 1 CPU: node1 is the lighter node
    public void A_container_without_cpu_limit_counts_as_the_whole_node(double ctCpu, string expected)
    {
        // memory is equal on both nodes, so CPU decides (scores checked against upstream's pve_static.rs)
        PlacementNode[] nodes = [new("node1", 16, 64 * GiB), new("node2", 16, 64 * GiB), new("node3", 16, 64 * GiB)];
        var input = Cluster(nodes,
            Vm("vm:101", "node3", 8, 8),
            new PlacementService("ct:150", "node1", RequestedState.Started, CrmState.Started, Load: new GuestLoad(ctCpu, 1 * GiB)),
            Vm("vm:160", "node2", 2, 1));
        Assert.Equal(expected, RecoverySimulation.Create(input, []).Fail(["node3"]).Service("vm:101")!.To);
    }

    [Fact]
    public void A_service_without_load_data_is_scored_by_service_count()
    {
        // vm:101 has no config: PVE cannot read its stats and scores by the number of services per node
        PlacementNode[] nodes = [new("node1", 64, 512 * GiB), new("node2", 4, 8 * GiB), new("node3", 16, 64 * GiB)];
        var input = Cluster(nodes,
            new PlacementService("vm:101", "node3", RequestedState.Started, CrmState.Started),
            Vm("vm:102", "node1", 1, 1));
        Assert.Equal("node2", RecoverySimulation.Create(input, []).Fail(["node3"]).Service("vm:101")!.To);
    }
}
