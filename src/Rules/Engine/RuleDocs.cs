using System.Text;
using PveLint.Diagnostics;

namespace PveLint.Rules.Engine;

/// <summary>
/// The rule pages of rules-docs/. Their top part is generated from <see cref="RuleMetadata"/> (a test fails when
/// a page drifts from it); the examples below the marker are written by hand. The pages are embedded in this
/// assembly so <c>pvelint explain</c> can print them anywhere.
/// </summary>
public static class RuleDocs
{
    public const string GeneratedMarker = "<!-- Everything above is generated from the rule's metadata; edit the rule, not this header. -->";

    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    public static string CategoryName(RuleCategory category) => category switch
    {
        RuleCategory.HighAvailability => "high-availability",
        RuleCategory.LinterConfig => "linter-config",
        _ => category.ToString().ToLowerInvariant(),
    };

    /// <summary>The generated header every page starts with, up to and including <see cref="GeneratedMarker"/>.</summary>
    public static string Header(RuleMetadata rule)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(rule.Id).Append(": ").Append(rule.Name).Append("\n\n");
        sb.Append("**").Append(rule.Title).Append("**\n\n");
        sb.Append("| | |\n|---|---|\n");
        sb.Append("| Default severity | ").Append(SeverityName(rule.DefaultSeverity)).Append(" |\n");
        sb.Append("| Category | ").Append(CategoryName(rule.Category)).Append(" |\n");
        sb.Append("| Tags | ").Append(string.Join(", ", rule.Tags)).Append(" |\n");
        sb.Append("| Online | ").Append(rule.HelpUri).Append(" |\n\n");
        sb.Append("## Why it matters\n\n").Append(rule.Rationale).Append("\n\n");
        sb.Append("## How to fix\n\n").Append(rule.HowToFix).Append("\n\n");
        sb.Append(GeneratedMarker).Append('\n');
        return sb.ToString();
    }

    /// <summary>The full page of a rule as shipped, or null when this build has none.</summary>
    public static string? Page(string id)
    {
        using var stream = typeof(RuleDocs).Assembly.GetManifestResourceStream("PveLint.Rules.Docs." + id + ".md");
        if (stream is null) return null;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
