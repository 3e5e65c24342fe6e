using System.Collections.Immutable;

namespace PveLint.Analysis.HighAvailability.Rules;

/// <summary>
/// One reason the HA core gives for dropping a rule: the check, its log text, and the rules it conflicts with
/// (for C1 also the shared resource). A rule can get the same reason several times (once per conflicting rule or
/// resource), as the CRM logs it.
/// </summary>
public sealed record DropReason(FeasibilityCheck Check, string Message, ImmutableArray<string> ConflictingRules, string? Resource = null);

/// <summary>A rule the HA core deletes from its effective rule set, and why (in the order the CRM logs the reasons).</summary>
public sealed record DroppedRule(HaRuleDefinition Rule, ImmutableArray<DropReason> Reasons)
{
    public string Id => Rule.Id;

    public IEnumerable<FeasibilityCheck> Checks => Reasons.Select(r => r.Check).Distinct();

    public IEnumerable<DropReason> ReasonsOf(FeasibilityCheck check) => Reasons.Where(r => r.Check == check);

    /// <summary>The rules this rule conflicts with under one check, each once, in order.</summary>
    public IEnumerable<string> ConflictingRules(FeasibilityCheck check) => ReasonsOf(check).SelectMany(r => r.ConflictingRules).Distinct();

    /// <summary>The CRM's log lines for this rule ("Drop rule 'x', because ...").</summary>
    public IEnumerable<string> LogLines => Reasons.Select(r => FeasibilityMessages.LogLine(Id, r.Message));
}
