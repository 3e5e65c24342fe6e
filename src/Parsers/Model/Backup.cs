using System.Collections.Immutable;

namespace PveLint.Model;

/// <summary>How a vzdump job picks its guests (pve-manager <c>PVE::VZDump::get_included_guests</c>).</summary>
public enum BackupSelection
{
    /// <summary><c>pool</c>: the pool's direct members (its <c>exclude</c> is not applied).</summary>
    Pool,
    /// <summary><c>vmid</c>: the listed guests.</summary>
    VmIds,
    /// <summary><c>all</c> (or only <c>exclude</c>, which implies it): every guest but the excluded ones.</summary>
    All,
    /// <summary>Nothing selected: vzdump fails with "vmid: property is missing".</summary>
    None,
    /// <summary><c>vmid</c> together with <c>all</c>, <c>exclude</c> or <c>pool</c>: vzdump refuses the parameters
    /// ("option conflicts with option 'vmid'"), so every run fails and backs up nothing.</summary>
    Conflict,
}

/// <summary>A <c>vzdump</c> section of jobs.cfg (docs/jobs-cfg.md). <see cref="Enabled"/> defaults to true.</summary>
public sealed record BackupJob(
    Located<string> Id,
    bool Enabled,
    Located<string>? Schedule,
    Located<string>? Storage,
    Located<string>? DumpDir,
    ImmutableArray<Located<int>> VmIds,
    bool All,
    Located<string>? Pool,
    ImmutableArray<Located<int>> Exclude,
    Located<string>? Node,
    SectionEntry Section)
{
    public BackupSelection Selection =>
        !VmIds.IsEmpty && (All || !Exclude.IsEmpty || Pool is not null) ? BackupSelection.Conflict
        : Pool is not null ? BackupSelection.Pool
        : !VmIds.IsEmpty ? BackupSelection.VmIds
        : All || !Exclude.IsEmpty ? BackupSelection.All
        : BackupSelection.None;

    /// <summary>
    /// The storage the backups go to: <c>storage</c>; without it and without <c>dumpdir</c> vzdump takes the node's
    /// /etc/vzdump.conf <c>storage</c> (not part of /etc/pve) or else <c>local</c>; null with a <c>dumpdir</c>.
    /// </summary>
    public string? TargetStorage => Storage?.Value ?? (DumpDir is null ? "local" : null);

    /// <summary>True when <see cref="TargetStorage"/> is vzdump's fallback, not written in the job.</summary>
    public bool StorageIsDefault => Storage is null && DumpDir is null;

    /// <summary>
    /// Whether a run of this job backs up the guest: enabled, a valid selection that includes it, and (with
    /// <c>node</c>) the guest currently on that node. <paramref name="poolOf"/> gives a guest's pool from user.cfg.
    /// </summary>
    public bool Covers(Guest guest, Func<int, string?> poolOf)
    {
        if (!Enabled || (Node is not null && Node.Value != guest.Node)) return false;
        return Selection switch
        {
            BackupSelection.Pool => poolOf(guest.VmId) == Pool!.Value,
            BackupSelection.VmIds => VmIds.Any(v => v.Value == guest.VmId),
            BackupSelection.All => Exclude.All(v => v.Value != guest.VmId),
            _ => false,
        };
    }
}

/// <summary>A resource pool from user.cfg (<c>pool:&lt;name&gt;:&lt;comment&gt;:&lt;vmlist&gt;:&lt;storelist&gt;</c>); only its guests are read.</summary>
public sealed record ResourcePool(Located<string> Name, ImmutableArray<Located<int>> Members);
