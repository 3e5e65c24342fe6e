using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PveLint.Diagnostics;
using PveLint.Rules.Input;

namespace PveLint.Rules.Engine;

/// <summary>
/// How many findings one lint run lists: at most <see cref="PerRuleAndFile"/> per rule and file, then at most
/// <see cref="Total"/> in all, the most severe first. What a limit leaves out is counted in a summary finding
/// (<see cref="Finding.Omitted"/>) whose severity is the highest of what it stands for, so a limit never changes
/// the exit code. Without them a file of a million bad lines or 200 000 HA resources meant gigabytes of findings
/// and reports nobody reads.
/// </summary>
public static class FindingLimits
{
    /// <summary>The same cap the parsers keep per file and id, so the two summaries merge into one.</summary>
    public const int PerRuleAndFile = DiagnosticBudget.DefaultPerIdLimit;

    public const int Total = 10_000;

    /// <param name="findings">The run's findings in report order.</param>
    /// <returns>The findings to list, with the summaries, in report order (summaries sort at their first left-out finding).</returns>
    public static IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings)
    {
        var capped = CapPerRuleAndFile(findings);
        return capped.Count <= Total ? capped : CapTotal(capped);
    }

    /// <summary>Kept in the map itself (a struct): a large cluster's findings fall in thousands of files.</summary>
    private struct Group
    {
        public int Kept;
        public int Dropped;
        public Finding? FirstDropped;
        public Severity Severity;
    }

    private static List<Finding> CapPerRuleAndFile(IReadOnlyList<Finding> findings)
    {
        var groups = new Dictionary<(string Rule, string Path), Group>();
        var kept = new List<Finding>(Math.Min(findings.Count, 4 * Total));
        foreach (var finding in findings)
        {
            ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, (finding.RuleId, finding.Span?.Path ?? ""), out _);
            if (finding.Omitted == 0 && group.Kept < PerRuleAndFile)
            {
                group.Kept++;
                kept.Add(finding);
                continue;
            }
            // Left out here, or a parser's summary of what it left out: one summary per rule and file either way.
            group.Dropped += Math.Max(1, finding.Omitted);
            group.FirstDropped ??= finding;
            group.Severity = (Severity)Math.Max((int)group.Severity, (int)finding.Severity);
        }
        if (groups.Values.All(g => g.Dropped == 0)) return kept;

        foreach (var group in groups.Values.Where(g => g.Dropped > 0))
        {
            var first = group.FirstDropped!;
            kept.Add(first with
            {
                Severity = group.Severity,
                Message = $"{group.Dropped} more {first.RuleId} findings in this file are not shown; the first {group.Kept} are.",
                Related = [],
                Fix = null,
                Omitted = group.Dropped,
            });
        }
        return kept.OrderBy(f => f, ReportOrder.Instance).ToList();
    }

    /// <summary>Keeps the <see cref="Total"/> most severe (in report order within a severity), summarises the rest in one PVE0010.</summary>
    private static List<Finding> CapTotal(List<Finding> findings)
    {
        var ranked = findings.Select((f, i) => (Finding: f, Index: i)).OrderByDescending(x => x.Finding.Severity).ThenBy(x => x.Index).ToList();
        var shown = ranked.Take(Total - 1).OrderBy(x => x.Index).Select(x => x.Finding).ToList();
        var left = ranked.Skip(Total - 1).Select(x => x.Finding).ToList();
        var omitted = left.Sum(f => Math.Max(1, f.Omitted));
        var byRule = left.GroupBy(f => f.RuleId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Sum(f => Math.Max(1, f.Omitted))}");
        shown.Add(new Finding(UnreadableInput.Meta, left.Max(f => f.Severity),
            $"{omitted} more findings are not shown: a scan lists at most {Total}, the most severe first (not shown: {string.Join(", ", byRule)}).",
            null, ImmutableArray<RelatedSpan>.Empty) { Omitted = omitted });
        return shown.OrderBy(f => f, ReportOrder.Instance).ToList();
    }
}
