using PveLint.Simulation.Ceph;
using PveLint.Simulation.Fencing;
using PveLint.Simulation.HighAvailability;
using PveLint.Simulation.Quorum;
using PveLint.Simulation.Scenarios;

namespace PveLint.Simulation;

/// <summary>
/// Everything the simulation concluded for one scenario, one record per layer. The PVE6xxx rules, <c>pvelint
/// simulate</c> and the reporters read this; none of them simulates again.
/// </summary>
public sealed record ScenarioVerdict(
    FailureScenario Scenario,
    QuorumVerdict Quorum,
    FencingOutcome Fencing,
    HaVerdict Ha)
{
    private readonly CephVerdict? _ceph;
    private readonly Lazy<CephVerdict?>? _cephWhenRead;

    /// <param name="ceph">Works out <see cref="Ceph"/> when it is first read: a scan reads the Ceph verdicts of the single
    /// failures only, and a large cluster has thousands of scenarios.</param>
    internal ScenarioVerdict(FailureScenario scenario, QuorumVerdict quorum, FencingOutcome fencing, HaVerdict ha, Func<CephVerdict?> ceph)
        : this(scenario, quorum, fencing, ha) => _cephWhenRead = new(ceph);

    /// <summary>Monitor quorum and pool availability; null when the model holds no Ceph data (nothing is guessed).</summary>
    public CephVerdict? Ceph
    {
        get => _cephWhenRead is null ? _ceph : _cephWhenRead.Value;
        init => _ceph = value;
    }

    /// <summary>Works out now what this verdict leaves to its first read (HA placements, the Ceph verdict).</summary>
    internal void Prepare()
    {
        Ha.Plan?.Prepare();
        _ = Ceph;
    }
}
