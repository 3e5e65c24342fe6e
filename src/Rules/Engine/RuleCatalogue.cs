using System.Collections.Immutable;

namespace PveLint.Rules.Engine;

/// <summary>
/// Every id and name of the published catalogue (docs/RULES.md), implemented or not yet. Ids are stable and
/// reserved, so a suppression or a <c>rules:</c> entry naming a catalogued rule is never "unknown" (PVE9002),
/// even in a build that does not run that rule yet.
/// </summary>
public static class RuleCatalogue
{
    public static readonly ImmutableArray<(string Id, string Name)> Entries =
    [
        ("PVE0001", "syntax-error"),
        ("PVE0002", "unknown-key"),
        ("PVE0003", "invalid-value"),
        ("PVE0004", "duplicate-key"),
        ("PVE0005", "duplicate-section"),
        ("PVE0006", "swallowed-section"),
        ("PVE0007", "missing-required-key"),
        ("PVE0008", "unresolved-reference"),
        ("PVE0009", "inline-comment-in-value"),
        ("PVE0010", "unreadable-input"),
        // Added by pvelint after docs/RULES.md was written: corosync and PVE's own parser disagree on a line.
        ("PVE0011", "parser-disagreement"),
        ("PVE1001", "even-split-without-qdevice"),
        ("PVE1002", "qdevice-with-odd-node-count"),
        ("PVE1003", "qdevice-in-data-site"),
        ("PVE1004", "corosync-latency-too-high"),
        ("PVE1005", "single-corosync-link"),
        ("PVE1006", "inconsistent-links"),
        ("PVE1007", "duplicate-node-identity"),
        ("PVE1008", "expected-votes-mismatch"),
        ("PVE1009", "non-default-quorum-votes"),
        ("PVE1010", "corosync-crypto-disabled"),
        ("PVE1011", "two-node-misconfigured"),
        ("PVE1012", "non-knet-transport"),
        ("PVE1013", "too-few-votes"),
        ("PVE1014", "risky-quorum-options"),
        ("PVE1015", "config-version-missing"),
        ("PVE2001", "resource-in-several-node-affinity-rules"),
        ("PVE2002", "resource-affinity-too-few-resources"),
        ("PVE2003", "negative-affinity-exceeds-nodes"),
        ("PVE2004", "contradictory-resource-affinity"),
        ("PVE2005", "multi-priority-node-affinity-with-resource-affinity"),
        ("PVE2006", "positive-group-in-several-node-affinity-rules"),
        ("PVE2007", "negative-affinity-node-affinity-conflict"),
        ("PVE2008", "unmerged-positive-rules"),
        ("PVE2009", "missing-anti-affinity"),
        ("PVE2010", "strict-affinity-single-failure-domain"),
        ("PVE2011", "strict-affinity-without-hard-requirement"),
        ("PVE2012", "legacy-ha-groups"),
        ("PVE2013", "group-migration-collision"),
        ("PVE2014", "unused-group"),
        ("PVE2015", "disable-zero-still-disables"),
        ("PVE2016", "rule-uses-unmanaged-resource"),
        ("PVE2017", "ha-guest-on-local-storage"),
        ("PVE2018", "ha-guest-with-local-devices"),
        ("PVE2019", "negative-affinity-without-headroom"),
        ("PVE2020", "max-relocate-zero"),
        ("PVE2021", "rebalancing-without-guardrails"),
        ("PVE2022", "node-affinity-all-nodes"),
        ("PVE2023", "resource-type-mismatch"),
        ("PVE2024", "redundant-pair-same-site"),
        ("PVE3001", "stretch-mode-hdd"),
        ("PVE3002", "missing-tiebreaker-monitor"),
        ("PVE3003", "stretch-mode-three-datacenters"),
        ("PVE3004", "erasure-pool-in-stretch-mode"),
        ("PVE3005", "stretch-pool-replication"),
        ("PVE3006", "stretch-latency-too-high"),
        ("PVE3007", "even-monitor-count"),
        ("PVE3008", "tiebreaker-in-data-site"),
        ("PVE3009", "crush-rule-unsatisfiable"),
        ("PVE3010", "pool-min-size-one"),
        ("PVE3011", "two-sites-without-stretch-mode"),
        ("PVE3012", "rule-mixes-device-classes"),
        ("PVE3013", "monitor-config-mismatch"),
        ("PVE4001", "unknown-watchdog-module"),
        ("PVE4002", "inconsistent-watchdog"),
        ("PVE4003", "softdog-only"),
        ("PVE4004", "malformed-watchdog-file"),
        ("PVE4005", "hardware-fencing-without-config"),
        ("PVE5001", "replication-interval-exceeds-rpo"),
        ("PVE5002", "backup-in-same-failure-domain"),
        ("PVE5003", "replication-target-same-site"),
        ("PVE5004", "replication-unsupported-storage"),
        ("PVE5005", "ha-recovery-outside-replicas"),
        ("PVE5006", "disabled-replication-for-ha-guest"),
        ("PVE6001", "site-loss-stops-cluster"),
        ("PVE6002", "netsplit-stops-cluster"),
        ("PVE6003", "split-brain-possible"),
        ("PVE6004", "node-loss-strands-resource"),
        ("PVE6005", "site-loss-strands-resource"),
        ("PVE6006", "ceph-unavailable-after-failure"),
        ("PVE6007", "capacity-exceeded-after-failover"),
        ("PVE6008", "double-failure-outage"),
        ("PVE9001", "unused-suppression"),
        ("PVE9002", "unknown-rule-id"),
        ("PVE9003", "invalid-linter-config"),
        ("PVE9004", "suppression-without-reason"),
    ];

    /// <summary>True when the id (PVE2003) or name (negative-affinity-exceeds-nodes) is in the catalogue.</summary>
    public static bool Contains(string idOrName)
    {
        var key = idOrName.Trim();
        return Entries.Any(e => string.Equals(e.Id, key, StringComparison.OrdinalIgnoreCase) || string.Equals(e.Name, key, StringComparison.OrdinalIgnoreCase))
               || RuleRegistry.Find(key) is not null;
    }
}
