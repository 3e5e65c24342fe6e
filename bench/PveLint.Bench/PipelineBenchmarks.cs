using BenchmarkDotNet.Attributes;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Rules.Engine;
using PveLint.Sources;

namespace PveLint.Bench;

/// <summary>Parse + bind, and the rule pass, over generated clusters from a small office to a large estate.</summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private ConfigTree _tree = null!;
    private ClusterModel _model = null!;

    [Params(4, 32, 128)]
    public int Nodes { get; set; }

    [Params(25)]
    public int GuestsPerNode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tree = ClusterGenerator.Generate(Nodes, GuestsPerNode);
        _model = ClusterBinder.Bind(_tree);
    }

    [Benchmark]
    public ClusterModel ParseAndBind() => ClusterBinder.Bind(_tree);

    [Benchmark]
    public LintResult Lint() => LintEngine.Run(_model);
}
