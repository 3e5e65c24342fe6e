using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Rules.LinterConfig;
using PveLint.Text;

namespace PveLint.Rules.Engine;

/// <summary>The outcome of one lint run: the findings that remain, and how many were silenced.</summary>
public sealed record LintResult(ImmutableArray<Finding> Findings, int Suppressed, int Baselined)
{
    public int Count(Severity severity) => Findings.Count(f => f.Severity == severity);

    /// <summary>How many findings the limits left out (<see cref="FindingLimits"/>); summaries in <see cref="Findings"/> say which.</summary>
    public int Omitted => Findings.Sum(f => f.Omitted);
}

/// <summary>
/// Runs every rule over a model, then applies, in order: suppression comments, the object-keyed
/// <c>suppressions:</c> of .pvelint.yaml, the baseline, severity overrides from <c>rules:</c> (<c>off</c> drops a
/// rule), and the <see cref="FindingLimits"/>. Problems with the suppressions themselves become
/// PVE9001/PVE9002/PVE9004 findings.
/// </summary>
public static class LintEngine
{
    /// <param name="today">The day <c>until:</c> dates of suppressions are compared with; default: today (UTC).</param>
    public static LintResult Run(ClusterModel model, Baseline? baseline = null, IEnumerable<Rule>? rules = null, CancellationToken cancellationToken = default, DateOnly? today = null)
    {
        var severities = SeverityOverrides(model.Config);
        // Rules only read the model (its indices and the simulation are built once, whoever asks first), so they run in
        // parallel; their findings are joined in rule order, so the report is the same as one by one.
        var all = (rules ?? RuleRegistry.All).ToArray();
        var perRule = new Finding[all.Length][];
        try
        {
            Parallel.For(0, all.Length, new ParallelOptions { CancellationToken = cancellationToken },
                i => perRule[i] = [.. all[i].Check(model).Select(Printable)]);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw(); // a rule's own exception, as if run alone
        }
        // Identical findings are one finding (the report shows it once), so a baseline entry written from it absorbs all.
        // Joined into lists sized once: a large cluster has thousands of findings.
        var total = 0;
        foreach (var ruleFindings in perRule) total += ruleFindings.Length;
        var findings = new List<Finding>(total);
        var distinct = new HashSet<Finding>(total);
        foreach (var ruleFindings in perRule)
            foreach (var finding in ruleFindings)
                if (distinct.Add(finding)) findings.Add(finding);

        var suppressions = new SuppressionIndex(model);
        var objectSuppressions = new ObjectSuppressions(model, today ?? DateOnly.FromDateTime(DateTime.UtcNow));
        var used = new HashSet<(SuppressionComment, string)>();
        var kept = new List<Finding>(findings.Count);
        var suppressed = 0;
        foreach (var finding in findings)
        {
            List<(SuppressionComment, string)> matches = suppressions.IsEmpty ? [] : suppressions.Matching(finding).ToList();
            used.UnionWith(matches);
            // Both kinds are tried, so an object-keyed entry that duplicates a comment is not called unused.
            if (objectSuppressions.Silence(finding) | matches.Count > 0) suppressed += Math.Max(1, finding.Omitted);
            else kept.Add(finding);
        }
        kept.AddRange(objectSuppressions.Problems());

        foreach (var s in suppressions.All)
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
            var remaining = baseline.Entries.GroupBy(e => (e.Rule, e.Path, e.Fingerprint)).ToDictionary(g => g.Key, g => new Queue<BaselineEntry>(g));
            var afterBaseline = new List<Finding>();
            foreach (var f in kept)
            {
                var key = (f.RuleId, f.Span?.Path ?? "", Baseline.Fingerprint(f, model));
                if (remaining.TryGetValue(key, out var entries) && entries.TryDequeue(out _)) baselined++;
                else afterBaseline.Add(f);
            }
            // A stale entry is shown where it is written, when the baseline came from a file (SARIF results need a location).
            foreach (var entry in remaining.Values.SelectMany(q => q))
                afterBaseline.Add(Make(UnusedSuppression.Meta, entry.Span, $"baseline entry {entry.Rule} for '{entry.Path}' ({entry.Fingerprint}) matches no finding; regenerate the baseline"));
            kept = afterBaseline;
        }

        var final = kept
            .Select(f => severities.TryGetValue(f.RuleId, out var sev) ? (sev is null ? null : f with { Severity = sev.Value }) : f)
            .OfType<Finding>()
            .Order(ReportOrder.Instance)
            .Distinct()
            .ToList();
        return new LintResult(FindingLimits.Apply(final).ToImmutableArray(), suppressed, baselined);
    }

    /// <summary>Messages quote names and values from the input: no line break or control character reaches any output.</summary>
    private static Finding Printable(Finding finding)
    {
        var related = finding.Related.Any(r => PrintableText.Escape(r.Message) != r.Message)
            ? finding.Related.Select(r => r with { Message = PrintableText.Escape(r.Message) }).ToImmutableArray()
            : finding.Related;
        // A deferred message is made printable when it is written.
        var message = finding.IsDeferred ? null : PrintableText.Escape(finding.Message);
        return (message is null || ReferenceEquals(message, finding.Message)) && related == finding.Related
            ? finding
            : message is null ? finding with { Related = related } : finding with { Message = message, Related = related };
    }

    internal static Finding Make(RuleMetadata meta, SourceSpan? span, string message) =>
        new(meta, meta.DefaultSeverity, PrintableText.Escape(message), span, ImmutableArray<RelatedSpan>.Empty);

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
