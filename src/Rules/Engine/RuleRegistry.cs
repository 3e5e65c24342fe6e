using System.Collections.Immutable;
using PveLint.Rules.Ceph;
using PveLint.Rules.DisasterRecovery;
using PveLint.Rules.Fencing;
using PveLint.Rules.HighAvailability;
using PveLint.Rules.Input;
using PveLint.Rules.LinterConfig;
using PveLint.Rules.Quorum;
using PveLint.Rules.Resilience;

namespace PveLint.Rules.Engine;

/// <summary>
/// Every rule pvelint ships, ordered by id. The list is written out, not found by reflection: scanning the
/// assembly's types cost every run of the CLI its start-up time (a test checks that no rule is missing here).
/// </summary>
public static class RuleRegistry
{
    private static readonly Lazy<ImmutableArray<Rule>> Rules = new(() => Create().OrderBy(r => r.Metadata.Id, StringComparer.Ordinal).ToImmutableArray());

    private static Rule[] Create() =>
    [
        // Ceph
        new CrushRuleUnsatisfiable(),
        new ErasurePoolInStretchMode(),
        new EvenMonitorCount(),
        new MissingTiebreakerMonitor(),
        new MonitorConfigMismatch(),
        new PoolMinSizeOne(),
        new RuleMixesDeviceClasses(),
        new StretchLatencyTooHigh(),
        new StretchModeHdd(),
        new StretchModeThreeDatacenters(),
        new StretchPoolReplication(),
        new TiebreakerInDataSite(),
        new TwoSitesWithoutStretchMode(),
        // DisasterRecovery
        new BackupInSameFailureDomain(),
        new DisabledReplicationForHaGuest(),
        new HaGuestWithoutBackup(),
        new HaRecoveryOutsideReplicas(),
        new ReplicationIntervalExceedsRpo(),
        new ReplicationTargetSameSite(),
        new ReplicationUnsupportedStorage(),
        // Fencing
        new HardwareFencingWithoutConfig(),
        new InconsistentWatchdog(),
        new MalformedWatchdogFile(),
        new SoftdogOnly(),
        new UnknownWatchdogModule(),
        // HighAvailability
        new ContradictoryResourceAffinity(),
        new DisableZeroStillDisables(),
        new GroupMigrationCollision(),
        new HaGuestOnLocalStorage(),
        new HaGuestWithLocalDevices(),
        new LegacyHaGroups(),
        new MaxRelocateZero(),
        new MissingAntiAffinity(),
        new MultiPriorityNodeAffinityWithResourceAffinity(),
        new NegativeAffinityExceedsNodes(),
        new NegativeAffinityNodeAffinityConflict(),
        new NegativeAffinityWithoutHeadroom(),
        new NodeAffinityAllNodes(),
        new PositiveGroupInSeveralNodeAffinityRules(),
        new RebalancingWithoutGuardrails(),
        new RedundantPairSameSite(),
        new ResourceAffinityTooFewResources(),
        new ResourceInSeveralNodeAffinityRules(),
        new ResourceTypeMismatch(),
        new RuleUsesUnmanagedResource(),
        new StrictAffinitySingleFailureDomain(),
        new StrictAffinityWithoutHardRequirement(),
        new UnmergedPositiveRules(),
        new UnusedGroup(),
        // Input
        new DuplicateKey(),
        new DuplicateSection(),
        new InlineCommentInValue(),
        new InvalidValue(),
        new MissingRequiredKey(),
        new ParserDisagreement(),
        new SwallowedSection(),
        new SyntaxError(),
        new UnknownKey(),
        new UnreadableInput(),
        new UnresolvedReference(),
        // LinterConfig
        new InvalidLinterConfig(),
        new SuppressionWithoutReason(),
        new UnknownRuleId(),
        new UnusedSuppression(),
        // Quorum
        new ConfigVersionMissing(),
        new CorosyncCryptoDisabled(),
        new CorosyncLatencyTooHigh(),
        new DuplicateNodeIdentity(),
        new EvenSplitWithoutQDevice(),
        new ExpectedVotesMismatch(),
        new InconsistentLinks(),
        new NonDefaultQuorumVotes(),
        new NonKnetTransport(),
        new QDeviceInDataSite(),
        new QDeviceWithOddNodeCount(),
        new RiskyQuorumOptions(),
        new SingleCorosyncLink(),
        new TooFewVotes(),
        new TwoNodeMisconfigured(),
        // Resilience
        new CapacityExceededAfterFailover(),
        new CephUnavailableAfterFailure(),
        new DoubleFailureOutage(),
        new NetsplitStopsCluster(),
        new NodeLossStrandsResource(),
        new SiteLossStopsCluster(),
        new SiteLossStrandsResource(),
        new SplitBrainPossible(),
    ];

    public static ImmutableArray<Rule> All => Rules.Value;

    public static IEnumerable<RuleMetadata> Metadata => All.Select(r => r.Metadata);

    /// <summary>A rule by id (PVE2003) or kebab-case name (negative-affinity-exceeds-nodes), case-insensitive.</summary>
    public static RuleMetadata? Find(string idOrName)
    {
        var key = idOrName.Trim();
        return Metadata.FirstOrDefault(m => string.Equals(m.Id, key, StringComparison.OrdinalIgnoreCase)
                                            || string.Equals(m.Name, key, StringComparison.OrdinalIgnoreCase));
    }
}
