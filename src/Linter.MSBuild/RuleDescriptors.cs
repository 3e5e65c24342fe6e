using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using PveLint.Rules.Engine;
using PveSeverity = PveLint.Diagnostics.Severity;

namespace PveLint.MSBuild;

/// <summary>
/// One DiagnosticDescriptor per rule, derived from the rule metadata (the catalogue's single source of truth),
/// plus the analyzer's own internal-error descriptor.
/// </summary>
internal static class RuleDescriptors
{
    public static readonly DiagnosticDescriptor InternalError = new(
        "PVE9000",
        "pvelint failed inside the analyzer",
        "pvelint could not check '{0}': {1}",
        "LinterConfig",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An unexpected error inside pvelint; the cluster files were not (fully) checked. Please report it with the file named in the message.",
        helpLinkUri: RuleMetadata.HelpBaseUri,
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly ImmutableDictionary<string, DiagnosticDescriptor> ByRuleId =
        RuleRegistry.Metadata.ToImmutableDictionary(m => m.Id, Create);

    public static readonly ImmutableArray<DiagnosticDescriptor> All =
        ByRuleId.Values.OrderBy(d => d.Id, StringComparer.Ordinal).Append(InternalError).ToImmutableArray();

    public static DiagnosticSeverity ToRoslyn(PveSeverity severity) => severity switch
    {
        PveSeverity.Error => DiagnosticSeverity.Error,
        PveSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    private static DiagnosticDescriptor Create(RuleMetadata rule) => new(
        rule.Id,
        rule.Title,
        "{0}",
        RuleDocs.CategoryName(rule.Category),
        ToRoslyn(rule.DefaultSeverity),
        isEnabledByDefault: true,
        description: rule.Rationale + " " + rule.HowToFix,
        helpLinkUri: rule.HelpUri,
        // Reported from a compilation action, so every descriptor is a compilation-end one (RS1037).
        customTags: rule.Tags.Prepend(rule.Name).Append(WellKnownDiagnosticTags.CompilationEnd).ToArray());
}
