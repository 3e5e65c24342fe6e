namespace PveLint.Ceph;

/// <summary>What a file under ceph/ holds, as recognised from its content (never from its name).</summary>
public enum CephDumpKind
{
    /// <summary>Not a Ceph dump pvelint knows (PVE0010).</summary>
    Unknown,

    /// <summary>An empty file or only whitespace (PVE0010).</summary>
    Empty,

    /// <summary>JSON that does not parse (PVE0001).</summary>
    InvalidJson,

    // Read into the model.
    CrushText,
    CrushJson,
    MonMapJson,
    QuorumStatusJson,
    MonMapText,
    OsdMapJson,
    OsdMapText,
    OsdTreeJson,
    HealthJson,
    StatusJson,

    // Recognised and skipped: they carry no facts the model keeps.
    PgListJson,
    CrushToolTest,
    PgMappings,
    Transcript,
    StatusText,
    HealthText,
    OsdTreeText,
}
