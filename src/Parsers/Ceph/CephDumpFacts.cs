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

/// <summary>Election strategy numbers of the monitor map: 1 classic, 2 disallow, 3 connectivity (MonMap.h).</summary>
public static class ElectionStrategies
{
    public static string? FromNumber(long? number) => number switch
    {
        null => null,
        1 => "classic",
        2 => "disallow",
        3 => "connectivity",
        _ => number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// A monitor's <c>crush_location</c>, which the mon dump writes as a string holding a map, <c>{datacenter=site1}</c>
/// or <c>{}</c> (reference §1c; still a string in Tentacle). Entries are separated by ',' and may have spaces.
/// </summary>
public static class CrushLocationText
{
    public static ImmutableDictionary<string, string> Parse(string? text)
    {
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text)) return result.ToImmutable();
        var body = text.Trim();
        if (body.StartsWith('{')) body = body[1..];
        if (body.EndsWith('}')) body = body[..^1];
        foreach (var part in body.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            result[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }
        return result.ToImmutable();
    }
}
