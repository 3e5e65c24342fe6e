using System.Collections.Immutable;

namespace PveLint.Model;

/// <summary>datacenter.cfg: every accepted key, with the HA-relevant ones typed.</summary>
public sealed record DatacenterConfig(
    string Path,
    ImmutableDictionary<string, DatacenterEntry> Entries,
    CrsSettings? Crs,
    Located<string>? ShutdownPolicy,
    Located<string>? Fencing,
    string Description)
{
    public DatacenterEntry? Get(string key) => Entries.TryGetValue(key, out var e) ? e : null;
}

/// <summary>A <c>key: value</c> line; property-string values also carry their parsed <c>k=v</c> parts.</summary>
public sealed record DatacenterEntry(
    Located<string> Key,
    Located<string> Value,
    ImmutableDictionary<string, Located<string>> Properties);

/// <summary><c>crs: ha=static,ha-rebalance-on-start=1,...</c>.</summary>
public sealed record CrsSettings(
    Located<string>? Ha,
    Located<bool>? RebalanceOnStart,
    Located<bool>? AutoRebalance,
    Located<double>? AutoRebalanceThreshold,
    Located<string>? AutoRebalanceMethod,
    Located<double>? AutoRebalanceHoldDuration,
    Located<double>? AutoRebalanceMargin);
