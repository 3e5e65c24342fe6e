using System.Collections.Immutable;

namespace PveLint.Model;

/// <summary>A storage.cfg section with PVE's effective shared flag (reference/pve-formats.md §2.1).</summary>
public sealed record StorageDef(
    Located<string> Id,
    string Type,
    bool Shared,
    ImmutableArray<string>? Nodes,
    ImmutableArray<string> Content,
    bool Disabled,
    SectionEntry? Section)
{
    /// <summary>True when the storage may be used on the node (no <c>nodes</c> restriction or listed).</summary>
    public bool AvailableOn(string node) => Nodes is null || Nodes.Value.Contains(node);
}

/// <summary>A replication.cfg job <c>local: 100-0</c>.</summary>
public sealed record ReplicationJob(
    Located<string> Id,
    int GuestId,
    int JobNumber,
    Located<string>? Target,
    Located<string>? Schedule,
    Located<string>? Rate,
    bool Disabled,
    Located<string>? Source,
    SectionEntry Section);
