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
    SourceSpan? Span);

/// <summary>A declared round-trip time between two sites.</summary>
public sealed record SiteLatency(string SiteA, string SiteB, double Milliseconds, SourceSpan? Span);
