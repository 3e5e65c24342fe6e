using System.Collections.Immutable;
using PveLint.Text;

namespace PveLint.Model;

public enum SiteRole
{
    Data,
    Witness,
}

public enum SiteSource
{
    /// <summary>Declared under <c>sites:</c> in .pvelint.yaml.</summary>
    LinterConfig,
    /// <summary>A CRUSH datacenter bucket whose hosts are PVE nodes.</summary>
    Crush,
}

/// <summary>A failure domain: the nodes that fail together.</summary>
public sealed record Site(
    string Name,
    ImmutableArray<string> Nodes,
    SiteRole Role,
    bool HasQDevice,
    SiteSource Source,
    SourceSpan? Span)
{
    /// <summary>The site's networks from <c>addresses:</c> in .pvelint.yaml (empty for CRUSH-derived sites).</summary>
    public ImmutableArray<Located<SiteNetwork>> Addresses { get; init; } = [];

    /// <summary>Declared to hold the Ceph tiebreaker monitor (<c>tiebreaker-monitor: true</c>).</summary>
    public bool HasTiebreakerMonitor { get; init; }

    public bool IsData => Role == SiteRole.Data;

    /// <summary>True when one of the site's networks contains the address.</summary>
    public bool Contains(System.Net.IPAddress address) => Addresses.Any(a => a.Value.Contains(address));
}

/// <summary>A declared round-trip time between two sites.</summary>
public sealed record SiteLatency(string SiteA, string SiteB, double Milliseconds, SourceSpan? Span);
