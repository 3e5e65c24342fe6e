using System.Collections.Immutable;

namespace PveLint.Model;

public sealed partial record ClusterModel
{
    /// <summary>The vzdump jobs of jobs.cfg that PVE keeps (realm-sync jobs are not listed).</summary>
    public ImmutableArray<BackupJob> BackupJobs { get; init; } = [];

    /// <summary>
    /// True when the scan shows the cluster's backup jobs: jobs.cfg was scanned, or user.cfg was (a full copy of
    /// /etc/pve always has user.cfg, and PVE has no jobs.cfg until a job is created). A config repository that keeps
    /// only some files says nothing about backups.
    /// </summary>
    public bool BackupJobsKnown { get; init; }

    /// <summary>Resource pools from user.cfg (only names and guest members are read).</summary>
    public ImmutableArray<ResourcePool> Pools { get; init; } = [];

    /// <summary>The pool a guest belongs to (user.cfg allows one pool per guest: the first listing wins).</summary>
    public string? PoolOf(int vmid) => Pools.FirstOrDefault(p => p.Members.Any(m => m.Value == vmid))?.Name.Value;

    /// <summary>The enabled backup jobs whose runs back up the guest.</summary>
    public IEnumerable<BackupJob> BackupJobsCovering(Guest guest) => BackupJobs.Where(j => j.Covers(guest, PoolOf));
}
