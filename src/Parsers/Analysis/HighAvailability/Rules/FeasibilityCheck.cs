namespace PveLint.Analysis.HighAvailability.Rules;

/// <summary>
/// The HA core's rule feasibility checks, in the order <c>check_feasibility</c> runs them (node-affinity plugin,
/// resource-affinity plugin, then the global checks; reference/pve-ha-manager.md §2.2 C1–C7).
/// </summary>
public enum FeasibilityCheck
{
    /// <summary>C1 NodeAffinity <c>check_single_resource_reference</c>.</summary>
    ResourceInSeveralNodeAffinityRules = 1,

    /// <summary>C2 ResourceAffinity <c>check_resource_affinity_resources_count</c>.</summary>
    TooFewResources,

    /// <summary>C3 ResourceAffinity <c>check_negative_resource_affinity_resources_count</c>.</summary>
    NegativeExceedsNodes,

    /// <summary>C4 ResourceAffinity <c>check_inter_resource_affinity_rules_consistency</c>.</summary>
    PositiveNegativeConflict,

    /// <summary>C5 Rules <c>check_single_priority_node_affinity_in_resource_affinity_rules</c>.</summary>
    MultiPriorityNodeAffinity,

    /// <summary>C6 Rules <c>check_single_node_affinity_per_positive_resource_affinity_rule</c>.</summary>
    PositiveGroupInSeveralNodeAffinityRules,

    /// <summary>C7 Rules <c>check_negative_resource_affinity_node_affinity_consistency</c>.</summary>
    NegativeNodeAffinityConflict,
}

/// <summary>The reason texts pve-ha-manager logs as "Drop rule '&lt;id&gt;', because &lt;reason&gt;." (5.0.8).</summary>
public static class FeasibilityMessages
{
    public static string ResourceAlreadyUsed(string sid) => $"resource '{sid}' is already used in another node affinity rule";

    public const string TooFewResources = "rule is ineffective as there are less than two resources";
    public const string NegativeExceedsNodes = "rule defines more resources than available nodes";
    public const string PositiveSharesWithNegative = "rule shares two or more resources with a negative resource affinity rule";
    public const string NegativeSharesWithPositive = "rule shares two or more resources with a positive resource affinity rule";
    public const string NodeAffinityWithMultiPriorityInResourceAffinity = "resources are in a resource affinity rule and cannot be in a node affinity rule with multiple priorities";
    public const string ResourceAffinityWithMultiPriority = "resources are in node affinity rules with multiple priorities";
    public const string PositiveInSeveralNodeAffinityRules = "resources are in multiple node affinity rules";
    public const string NodeAffinityWithOtherPositiveMembers = "at least one resource is in a positive resource affinity rule and there are other resources in at least one other node affinity rule already";
    public const string NegativeRestrictedToFewerNodes = "two or more resources are restricted to less nodes than available to the resources";
    public const string NodeAffinityRestrictsNegative = "at least one resource is in a negative resource affinity rule and this rule would restrict these to less nodes than available to the resources";

    /// <summary>The CRM's log line for one reason.</summary>
    public static string LogLine(string ruleId, string reason) => $"Drop rule '{ruleId}', because {reason}.";
}
