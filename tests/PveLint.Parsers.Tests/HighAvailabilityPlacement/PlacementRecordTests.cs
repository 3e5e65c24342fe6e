using System.Runtime.CompilerServices;
using PveLint.Analysis.HighAvailability.Placement;

namespace PveLint.Parsers.Tests.HighAvailabilityPlacement;

/// <summary>The compact record a scenario keeps per touched service, and the node count it limits the simulation to.</summary>
public class PlacementRecordTests
{
    [Fact]
    public void A_record_takes_ten_bytes()
    {
        // The goal cluster's simulation keeps more than a million of them.
        Assert.Equal(10, Unsafe.SizeOf<PlacementRecord>());
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    [InlineData(PlacementRecord.MaxNodes - 1, PlacementRecord.MaxNodes - 1)]
    public void Node_indexes_from_none_to_the_last_node_survive_the_packing(int to, int crmNode)
    {
        var record = new PlacementRecord(int.MaxValue, to, PlacementOutcome.Unstable, CrmState.Freeze, crmNode);
        Assert.Equal((int.MaxValue, to, PlacementOutcome.Unstable, CrmState.Freeze, crmNode),
            (record.Service, record.To, record.Outcome, record.State, record.CrmNode));
    }

    [Fact]
    public void More_nodes_than_a_record_can_name_are_refused_with_a_reason_not_mangled()
    {
        var nodes = Enumerable.Range(0, PlacementRecord.MaxNodes).Select(i => new PlacementNode($"n{i}")).ToList();
        var service = new PlacementService("vm:100", "elsewhere", RequestedState.Started, CrmState.Started);
        var atLimit = new PlacementInput([.. nodes.Skip(1)], [service]);   // MaxNodes names, counting the service's node
        Assert.Null(RecoverySimulation.WhyNotSimulated(atLimit));

        var over = new PlacementInput([.. nodes], [service]);
        var why = RecoverySimulation.WhyNotSimulated(over);
        Assert.Equal($"HA placement is not simulated: the services and nodes name {PlacementRecord.MaxNodes + 1} nodes, more than the {PlacementRecord.MaxNodes} it handles", why);
        Assert.Equal(why + " (Parameter 'input')", Assert.Throws<ArgumentException>(() => RecoverySimulation.Create(over, [])).Message);
    }
}
