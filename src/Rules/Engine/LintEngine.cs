using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.LinterConfig;

namespace PveLint.Rules.Engine;

/// <summary>The outcome of one lint run: the findings that remain, and how many were silenced.</summary>
public sealed record LintResult(ImmutableArray<Finding> Findings, int Suppressed, int Baselined)
{
    public int Count(Severity severity) => Findings.Count(f => f.Severity == severity);
}

/// <summary>
/// Runs every rule over a model, then applies, in order: severity overrides from <c>rules:</c> in
/// .pvelint.yaml (<c>off</c> drops a rule), suppression comments, and the baseline. Problems with the
/// suppressions themselves become PVE9001/PVE9002/PVE9004 findings.
/// </summary>
public static class LintEngine
{
    public static LintResult Run(ClusterModel model, Baseline? baseline = null, IEnumerable<Rule>? rules = null, CancellationToken cancellationToken = default)
    {
        var severities = SeverityOverrides(model.Config);
        var findings = new List<Finding>();
        foreach (var rule in rules ?? RuleRegistry.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            findings.AddRange(rule.Check(model));
        }

        var suppressions = model.Files.Values.OrderBy(f => f.Path, StringComparer.Ordinal)
            .SelectMany(SuppressionComment.ReadAll).ToList();
        var used = new HashSet<(SuppressionComment, string)>();
        var kept = new List<Finding>();
        var suppressed = 0;
        foreach (var finding in findings)
        {
            var matches = finding.Span is { } span
                ? suppressions.Where(s => s.Span.Path == span.Path
                                          && (s.Scope == SuppressionScope.File || s.TargetLine == span.Line)
                                          && s.Rules.Any(r => Matches(r.Value, finding.Rule))).ToList()
                : [];
            if (matches.Count == 0) { kept.Add(finding); continue; }
            suppressed++;
            foreach (var match in matches)
                foreach (var r in match.Rules.Where(r => Matches(r.Value, finding.Rule))) used.Add((match, r.Value));
        }

        foreach (var s in suppressions)
        {
            if (s.Reason is null)
                kept.Add(Make(SuppressionWithoutReason.Meta, s.Span, $"suppression of {string.Join(", ", s.Rules.Select(r => r.Value))} gives no reason; add ' -- <why>'"));
            if (s.Rules.IsEmpty)
                kept.Add(Make(UnusedSuppression.Meta, s.Span, "suppression names no rule id; it silences nothing"));
            foreach (var id in s.Rules)
            {
                if (!RuleCatalogue.Contains(id.Value))
                    kept.Add(Make(UnknownRuleId.Meta, id.Span, $"'{id.Value}' in a suppression comment is not a pvelint rule id or name"));
                else if (RuleRegistry.Find(id.Value) is not null && !used.Contains((s, id.Value)))
                    kept.Add(Make(UnusedSuppression.Meta, id.Span,
                        s.Scope == SuppressionScope.File
                            ? $"file-level suppression of {id.Value} matches no finding in this file"
                            : $"suppression of {id.Value} matches no finding on line {s.TargetLine}"));
            }
        }

        var baselined = 0;
        if (baseline is not null && !baseline.Entries.IsEmpty)
        {
            var remaining = baseline.Entries.GroupBy(e => (e.Rule, e.Path, e.Fingerprint)).ToDictionary(g => g.Key, g => g.Count());
            var afterBaseline = new List<Finding>();
            foreach (var f in kept)
            {
                var key = (f.RuleId, f.Span?.Path ?? "", Baseline.Fingerprint(f, model));
                if (remaining.TryGetValue(key, out var n) && n > 0) { remaining[key] = n - 1; baselined++; }
                else afterBaseline.Add(f);
            }
            foreach (var ((rule, path, fingerprint), n) in remaining.Where(kv => kv.Value > 0))
                for (var i = 0; i < n; i++)
                    afterBaseline.Add(Make(UnusedSuppression.Meta, null, $"baseline entry {rule} for '{path}' ({fingerprint}) matches no finding; regenerate the baseline"));
            kept = afterBaseline;
        }

        var final = kept
            .Select(f => severities.TryGetValue(f.RuleId, out var sev) ? (sev is null ? null : f with { Severity = sev.Value }) : f)
            .OfType<Finding>()
            .OrderBy(f => f.Span?.Path ?? "", StringComparer.Ordinal)
            .ThenBy(f => f.Span?.Line ?? 0).ThenBy(f => f.Span?.Column ?? 0)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.Message, StringComparer.Ordinal)
            .Distinct()
            .ToImmutableArray();
        return new LintResult(final, suppressed, baselined);
    }

    private static bool Matches(string idOrName, RuleMetadata rule) =>
        string.Equals(idOrName, rule.Id, StringComparison.OrdinalIgnoreCase) || string.Equals(idOrName, rule.Name, StringComparison.OrdinalIgnoreCase);

    private static Finding Make(RuleMetadata meta, PveLint.Text.SourceSpan? span, string message) =>
        new(meta, meta.DefaultSeverity, message, span, ImmutableArray<RelatedSpan>.Empty);

    /// <summary>
    /// Rule id → severity (null = off) from <c>rules:</c>; values that are not a severity are PVE9003 in the reader.
    /// Public so reporters can describe the overrides (SARIF <c>ruleConfigurationOverrides</c>).
    /// </summary>
    public static Dictionary<string, Severity?> SeverityOverrides(Model.LinterConfig config)
    {
        var map = new Dictionary<string, Severity?>(StringComparer.Ordinal);
        foreach (var setting in config.Rules)
        {
            if (RuleRegistry.Find(setting.Rule.Value) is not { } meta) continue;
            Severity? severity = setting.Value.Value.Trim().ToLowerInvariant() switch
            {
                "error" => Severity.Error,
                "warning" => Severity.Warning,
                "info" => Severity.Info,
                "off" or "none" => null,
                _ => meta.DefaultSeverity,
            };
            map[meta.Id] = severity;
        }
        return map;
    }
}
