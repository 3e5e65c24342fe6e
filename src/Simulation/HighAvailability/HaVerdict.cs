using PveLint.Analysis.HighAvailability.Placement;

namespace PveLint.Simulation.HighAvailability;

/// <summary>
/// The HA layer's verdict for one scenario: where every HA service ends up (<see cref="Plan"/>), or why recovery
/// cannot be computed (<see cref="NotEvaluated"/>: no quorate partition means no CRM master recovers anything;
/// two quorate partitions or an undecidable quorum make the outcome a guess).
/// </summary>
public sealed record HaVerdict(RecoveryPlan? Plan, string? NotEvaluated)
{
    public IEnumerable<ServicePlacement> Stranded => Plan?.Stranded ?? [];
}
