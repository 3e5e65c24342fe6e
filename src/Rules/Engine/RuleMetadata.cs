using System.Collections.Immutable;
using PveLint.Diagnostics;

namespace PveLint.Rules.Engine;

/// <summary>
/// Everything known about a rule, in one place: docs, SARIF descriptors, <c>pvelint explain</c> and the
/// analyzer's DiagnosticDescriptors are all derived from this.
/// </summary>
public sealed record RuleMetadata(
    string Id,
    string Name,
    string Title,
    Severity DefaultSeverity,
    RuleCategory Category,
    ImmutableArray<string> Tags,
    string Rationale,
    string HowToFix)
{
    /// <summary>Where the rule's page lives; the rules-docs/ folder of the repository.</summary>
    public const string HelpBaseUri = "https://github.com/pvelint/pvelint/blob/main/rules-docs/";

    public string HelpUri => HelpBaseUri + Id + ".md";
}

public enum RuleCategory
{
    Input,
    Corosync,
    HighAvailability,
    Ceph,
    Fencing,
    Replication,
    Resilience,
    LinterConfig,
}
