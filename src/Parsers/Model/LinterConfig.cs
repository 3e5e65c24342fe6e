using System.Collections.Immutable;
using PveLint.Text;

namespace PveLint.Model;

/// <summary>.pvelint.yaml (INTERFACE.md), with the span of every value for PVE9003/PVE9002.</summary>
public sealed record LinterConfig(
    string? Path,
    Located<TargetRelease>? Target,
    ImmutableArray<SiteDeclaration> Sites,
    ImmutableArray<SiteLatency> Latencies,
    ImmutableDictionary<string, NodeCapacity> Nodes,
    ImmutableArray<RedundancyGroup> RedundancyGroups,
    LinterPolicy Policy,
    ImmutableArray<RuleSetting> Rules,
    ImmutableArray<Located<string>> IgnorePaths)
{
    public static LinterConfig Empty { get; } = new(null, null, [], [], ImmutableDictionary<string, NodeCapacity>.Empty, [], LinterPolicy.Default, [], []);

    public TargetRelease TargetRelease => Target?.Value ?? TargetReleases.Default;

    /// <summary><c>select:</c>: rule ids, names or id prefixes that report (all when empty); <c>--select</c> replaces it.</summary>
    public ImmutableArray<Located<string>> Select { get; init; } = [];

    /// <summary><c>ignore:</c>: rule ids, names or id prefixes that never report; wins over select, adds to <c>--ignore</c>.</summary>
    public ImmutableArray<Located<string>> Ignore { get; init; } = [];

    /// <summary><c>suppressions:</c>: rules silenced for one object each (they survive PVE rewriting its files without comments).</summary>
    public ImmutableArray<ObjectSuppression> Suppressions { get; init; } = [];
}

public sealed record SiteDeclaration(
    Located<string> Name,
    ImmutableArray<Located<string>> Nodes,
    SiteRole Role,
    bool QDevice,
    bool TiebreakerMonitor)
{
    /// <summary><c>addresses:</c>: the networks of the site, to place QDevice, backup and Ceph hosts in it.</summary>
    public ImmutableArray<Located<SiteNetwork>> Addresses { get; init; } = [];
}

public sealed record NodeCapacity(Located<string> Node, double? MemoryGiB, int? Cores);

public sealed record RedundancyGroup(Located<string> Name, ImmutableArray<Located<string>> Members);

public sealed record LinterPolicy(int RpoMinutes, int MaxFailures, string? Dr)
{
    public static LinterPolicy Default { get; } = new(15, 2, null);
}

/// <summary>
/// A <c>rules:</c> entry: rule id or name, and the value (error | warning | info | off).
/// Kept raw so the rule engine can report unknown ids (PVE9002) at their span.
/// </summary>
public sealed record RuleSetting(Located<string> Rule, Located<string> Value);
