using System.Collections.Immutable;

namespace PveLint.Model;

/// <summary>
/// /etc/default/pve-ha-manager as systemd's EnvironmentFile reads it. <see cref="Node"/> is null for the file
/// that applies to every node without its own (<c>etc/default/pve-ha-manager</c> in the scan root).
/// </summary>
public sealed record WatchdogSettings(
    string? Node,
    string Path,
    Located<string>? Module,
    ImmutableArray<Located<string>> Assignments);
