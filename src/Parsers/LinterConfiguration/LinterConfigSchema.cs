using System.Collections.Immutable;
using PveLint.Model;

namespace PveLint.LinterConfiguration;

/// <summary>
/// What .pvelint.yaml may hold (INTERFACE.md): the one description that <see cref="LinterConfigReader"/> checks
/// keys and allowed values against and that <see cref="JsonSchemaWriter"/> writes as schemas/pvelint.schema.json.
/// A key added here shows up in the schema by itself; the reader rejects every key that is not here, and needs a case
/// that reads each one that is (a test reads a file with every key of this description and expects no PVE9003; a
/// test checks that the shipped schema is regenerated).
/// </summary>
public static class LinterConfigSchema
{
    /// <summary>Where editors find the shipped schema (the <c>yaml-language-server</c> line that <c>pvelint init</c> writes).</summary>
    public const string PublishedUri = "https://raw.githubusercontent.com/pvelint/pvelint/main/schemas/pvelint.schema.json";

    /// <summary>Severities a <c>rules:</c> entry may set.</summary>
    public static readonly ConfigText Severity = new("Severity for this rule; off drops it.", ["error", "warning", "info", "off"]);

    public static readonly ConfigText Target = new("The Proxmox VE release the cluster runs; decides which keys and behaviours are checked.",
        Enum.GetValues<TargetRelease>().Select(TargetReleases.Name).ToImmutableArray());

    public static readonly ConfigText SiteRole = new("data (holds cluster nodes) or witness (holds only a QDevice and/or a tiebreaker monitor).", ["data", "witness"]);

    public static readonly ConfigText DrIntent = new("Disaster-recovery intent, checked by PVE5003.", ["cross-site", "same-site", "none"]);

    /// <summary>A guest id as HA and redundancy groups write it.</summary>
    public const string GuestIdPattern = "^(vm|ct):[1-9][0-9]{2,8}$";

    public static readonly ConfigMapping Site = new("A failure domain.",
    [
        new("nodes", new ConfigList("The cluster nodes in this site (names as in corosync.conf).", new ConfigText("A node name."))),
        new("addresses", new ConfigList("The networks of the site (IP addresses or CIDR networks), to place QDevice, backup and Ceph hosts in it.", new ConfigText("An IP address or CIDR network such as 10.1.0.0/24."))),
        new("role", SiteRole),
        new("qdevice", new ConfigFlag("The site holds the corosync QDevice.")),
        new("tiebreaker-monitor", new ConfigFlag("The site holds the Ceph tiebreaker monitor.")),
    ]);

    public static readonly ConfigMapping NodeCapacity = new("Capacity of one node, for failover capacity checks.",
    [
        new("memory-gib", new ConfigNumber("Memory in GiB.", Positive: true)),
        new("cores", new ConfigNumber("CPU cores.", Positive: true)),
    ]);

    public static readonly ConfigMapping Policy = new("Intent the checks compare the configuration against.",
    [
        new("rpo-minutes", new ConfigNumber("Recovery point objective: the longest acceptable replication interval, in minutes.", Positive: true)),
        new("max-failures", new ConfigNumber("Simulate combinations of up to this many simultaneous failures.", WholeNumber: true, Minimum: 1, Maximum: 4)),
        new("dr", DrIntent),
    ]);

    public static readonly ConfigMapping Suppression = new(
        "Silences one rule for one object, kept here because PVE rewrites its own files without their comments when they are edited in the GUI or API.",
    [
        new("rule", new ConfigText("The rule id (PVE2009) or name (missing-anti-affinity).", NonEmpty: true), Required: true),
        new("object", new ConfigText("What the finding is about: a resource id (vm:101), an HA rule or group id, a node, a storage id, a Ceph pool, a replication or backup job id.", NonEmpty: true), Required: true),
        new("reason", new ConfigText("Why the finding is accepted.", NonEmpty: true), Required: true),
        new("until", new ConfigText("Last day (YYYY-MM-DD) the suppression applies; after it the finding is reported again, and so is the stale entry.", Format: "date")),
    ]);

    public static readonly ConfigMapping Root = new("pvelint configuration (.pvelint.yaml): topology, intent and rule settings of one cluster.",
    [
        new("$schema", new ConfigText("The JSON schema of this file, for editors; pvelint ignores it.")),
        new("target", Target),
        new("sites", new ConfigMapping("Failure domains; nodes not listed fall back to CRUSH datacenter buckets.", [], Entries: Site)),
        new("latency-ms", new ConfigMapping("Measured round-trip times between sites, in milliseconds, keyed 'site-a..site-b'.", [],
            Entries: new ConfigNumber("Round-trip time in milliseconds.", Minimum: 0), NamePattern: @"^.+\.\..+$")),
        new("nodes", new ConfigMapping("Optional node capacity, for failover capacity checks.", [], Entries: NodeCapacity)),
        new("redundancy-groups", new ConfigMapping("Guests that must never share a node (checked by PVE2009 and PVE2024).", [],
            Entries: new ConfigList("At least two guests.", new ConfigText("A guest id.", Pattern: GuestIdPattern), MinItems: 2))),
        new("policy", Policy),
        new("rules", new ConfigMapping("Severity overrides by rule id or name.", [], Entries: Severity)),
        new("select", new ConfigList("Rule ids, names or id prefixes (PVE2) that report; all when absent. --select replaces it.", new ConfigText("A rule id, name or id prefix."))),
        new("ignore", new ConfigList("Rule ids, names or id prefixes that never report; wins over select, adds to --ignore.", new ConfigText("A rule id, name or id prefix."))),
        new("ignore-paths", new ConfigList("Globs of files not to read ('*' within a path segment, '**' across segments).", new ConfigText("A glob."))),
        new("suppressions", new ConfigList("Object-keyed suppressions: a rule silenced for one object, with a reason.", Suppression)),
    ]);
}
