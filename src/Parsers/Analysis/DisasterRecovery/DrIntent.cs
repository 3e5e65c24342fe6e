using PveLint.Model;

namespace PveLint.Analysis.DisasterRecovery;

/// <summary><c>policy.dr</c> in .pvelint.yaml: what the cluster's disaster recovery has to survive.</summary>
public enum DrIntent
{
    /// <summary>No <c>dr:</c>: backups and replicas must at least not live on the cluster itself.</summary>
    Unset,
    /// <summary><c>cross-site</c>: backups and replicas must survive the loss of the site they protect.</summary>
    CrossSite,
    /// <summary><c>same-site</c>: a copy in the same site is fine, but not on the cluster itself.</summary>
    SameSite,
    /// <summary><c>none</c>: no disaster-recovery intent; the DR rules stay silent.</summary>
    None,
}

public static class DrPolicy
{
    public static DrIntent Intent(ClusterModel model) => model.Config.Policy.Dr switch
    {
        "cross-site" => DrIntent.CrossSite,
        "same-site" => DrIntent.SameSite,
        "none" => DrIntent.None,
        _ => DrIntent.Unset,
    };

    /// <summary>The RPO in minutes (<c>policy.rpo-minutes</c>, default 15).</summary>
    public static int RpoMinutes(ClusterModel model) => model.Config.Policy.RpoMinutes;
}
