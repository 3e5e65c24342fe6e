using BenchmarkDotNet.Attributes;
using PveLint.Analysis.HighAvailability.Placement;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Simulation;

namespace PveLint.Bench;

/// <summary>
/// The failure simulation over the goal cluster of issue 12 (64 nodes, 3 sites, 10 000 guests, 2 000 HA rules,
/// 512 OSDs): every scenario up to two failures, and one HA recovery (the CRM placing a failed node's services).
/// </summary>
[MemoryDiagnoser]
public class SimulationBenchmarks
{
    private ClusterModel _model = null!;
    private RecoverySimulation _recovery = null!;

    [ParamsSource(nameof(Shapes))]
    public ClusterShape Shape { get; set; } = ClusterShape.Goal;

    public static IEnumerable<ClusterShape> Shapes => [ClusterShape.Goal];

    [GlobalSetup]
    public void Setup()
    {
        _model = ClusterBinder.Bind(ClusterGenerator.Generate(Shape));
        _recovery = RecoverySimulation.Create(PlacementInputBuilder.FromModel(_model), PlacementRule.EffectiveRules(_model));
    }

    [Benchmark]
    public SimulationResult AllScenariosUpToTwoFailures() => Simulator.Run(_model, maxFailures: 2);

    [Benchmark]
    public RecoveryPlan OneNodeRecovery() => _recovery.Fail(["pve1"]);
}
