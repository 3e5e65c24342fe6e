using System.Collections.Immutable;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Ceph;

/// <summary>How much a dump is trusted when several files describe the same map at the same epoch.</summary>
public enum DumpPreference
{
    /// <summary>JSON straight from the command that the linter documents (mon dump, osd dump, crush dump).</summary>
    PrimaryJson = 0,

    /// <summary>The same facts embedded in another JSON command (the monmap inside quorum_status).</summary>
    EmbeddedJson = 1,

    /// <summary>Plain-text output of monmaptool/ceph (fewer fields, no positions beyond the line).</summary>
    Text = 2,
}

/// <summary>What one monitor-map dump says (mon dump JSON, quorum_status, monmaptool --print).</summary>
public sealed record MonMapFacts(
    string Path,
    long Epoch,
    DumpPreference Preference,
    ImmutableArray<CephMonitor> Monitors,
    string? ElectionStrategy,
    string? TiebreakerMonitor,
    bool StretchModeEnabled,
    ImmutableArray<string> DisallowedLeaders,
    ImmutableArray<string> Quorum,
    SourceSpan Span);

/// <summary>What one OSD-map dump says (osd dump JSON or plain text).</summary>
public sealed record OsdMapFacts(
    string Path,
    long Epoch,
    DumpPreference Preference,
    ImmutableArray<CephPool> Pools,
    ImmutableArray<CephOsd> Osds,
    StretchState? Stretch,
    ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, string>> ErasureCodeProfiles,
    SourceSpan Span);
