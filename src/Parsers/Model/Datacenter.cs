using System.Collections.Immutable;

namespace PveLint.Model;

/// <summary>
/// datacenter.cfg: every key as written (the last line of a repeated key, as PVE keeps it), with the HA-relevant
/// ones typed. <see cref="Crs"/>, <see cref="ShutdownPolicy"/> and <see cref="Fencing"/> are what PVE uses: null
/// when absent or when PVE drops the line.
/// </summary>
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

/// <summary>
/// A <c>key: value</c> line; property-string values also carry their parsed <c>k=v</c> parts (a bare value under
/// the format's default key). <see cref="AcceptedByPve"/> is false when PVE drops the line (unknown key, invalid
/// value, a key newer than the target release), so rules can still see what the file asks for.
/// </summary>
public sealed record DatacenterEntry(
    Located<string> Key,
    Located<string> Value,
    ImmutableDictionary<string, Located<string>> Properties,
    bool AcceptedByPve = true);

/// <summary><c>crs: ha=static,ha-rebalance-on-start=1,...</c>.</summary>
public sealed record CrsSettings(
    Located<string>? Ha,
    Located<bool>? RebalanceOnStart,
    Located<bool>? AutoRebalance,
    Located<double>? AutoRebalanceThreshold,
    Located<string>? AutoRebalanceMethod,
    Located<double>? AutoRebalanceHoldDuration,
    Located<double>? AutoRebalanceMargin);
