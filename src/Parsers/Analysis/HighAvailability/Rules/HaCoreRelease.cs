using PveLint.Model;

namespace PveLint.Analysis.HighAvailability.Rules;

/// <summary>
/// The pve-ha-manager release behind a <c>target:</c> and the few ways its rule checks differ
/// (reference/pve-ha-manager.md §0, §2): pve-9.0 ran 5.0.4/5.0.5, pve-9.1 runs 5.0.8, pve-9.2 runs 5.2.0. The checks
/// and transforms of 5.0.8 and 5.2.0 are the same code.
/// </summary>
/// <param name="Version">The ha-manager version whose code this reproduces.</param>
/// <param name="ChecksUseMergedPositiveGroups">
/// Since 5.0.7 (commits e79f4b4, 4f09820) the positive/negative consistency check (C4) and the
/// one-node-affinity-per-positive-group check (C6) look at the greedily merged positive groups; before, at each
/// positive rule on its own.
/// </param>
/// <param name="BrokenRuleStopsCrm">Before 5.1.2 a broken rules.cfg section makes every CRM round fail (§2.4).</param>
public sealed record HaCoreRelease(string Version, bool ChecksUseMergedPositiveGroups, bool BrokenRuleStopsCrm)
{
    public static HaCoreRelease V505 { get; } = new("5.0.5", ChecksUseMergedPositiveGroups: false, BrokenRuleStopsCrm: true);

    public static HaCoreRelease V508 { get; } = new("5.0.8", ChecksUseMergedPositiveGroups: true, BrokenRuleStopsCrm: true);

    public static HaCoreRelease V520 { get; } = new("5.2.0", ChecksUseMergedPositiveGroups: true, BrokenRuleStopsCrm: false);

    public static HaCoreRelease For(TargetRelease target) => target switch
    {
        TargetRelease.Pve90 => V505,
        TargetRelease.Pve91 => V508,
        _ => V520,
    };
}
