using System.Collections.Immutable;
using PveLint.Model;
using PveLint.Rules.LinterConfig;

namespace PveLint.Rules.Engine;

/// <summary>
/// The <c>suppressions:</c> of .pvelint.yaml: each silences one rule (id or name) for findings about one object
/// (<see cref="SubjectIndex"/>) until the end of its <c>until:</c> day. Unlike a <c># pvelint-disable</c> comment
/// they survive PVE rewriting its section-config files without comments (GUI or API edits). After the day has
/// passed an entry silences nothing and is reported (PVE9001), as are entries that match nothing (PVE9001), name
/// no rule (PVE9002) or give no reason (PVE9004).
/// </summary>
public sealed class ObjectSuppressions(ClusterModel model, DateOnly today)
{
    private readonly ImmutableArray<ObjectSuppression> _entries = model.Config.Suppressions;
    private SubjectIndex? _subjects; // made for the first finding an entry may silence: most configs have no entries
    private readonly HashSet<ObjectSuppression> _used = [];

    /// <summary>True (and the entry counts as used) when an entry in force silences <paramref name="finding"/>.</summary>
    // Checked before any closure over the finding exists: this runs for every finding.
    public bool Silence(Finding finding) => !_entries.IsEmpty && SilenceByEntries(finding);

    private bool SilenceByEntries(Finding finding)
    {
        var matched = false;
        HashSet<string>? subjects = null;
        foreach (var entry in _entries.Where(e => InForce(e) && SuppressionIndex.Names(e.Rule.Value, finding.Rule)))
        {
            subjects ??= (_subjects ??= new SubjectIndex(model)).Of(finding).ToHashSet(StringComparer.Ordinal);
            if (!subjects.Contains(entry.Object.Value)) continue;
            _used.Add(entry);
            matched = true;
        }
        return matched;
    }

    /// <summary>The problems of the entries themselves, after every finding went through <see cref="Silence"/>.</summary>
    public IEnumerable<Finding> Problems()
    {
        foreach (var e in _entries)
        {
            var what = $"suppression of {e.Rule.Value} for '{e.Object.Value}'";
            if (e.Reason is null)
                yield return LintEngine.Make(SuppressionWithoutReason.Meta, e.Span, $"{what} gives no reason; add 'reason:'");
            if (!RuleCatalogue.Contains(e.Rule.Value))
                yield return LintEngine.Make(UnknownRuleId.Meta, e.Rule.Span, $"'{e.Rule.Value}' in a suppression in .pvelint.yaml is not a pvelint rule id or name");
            else if (!InForce(e))
                yield return LintEngine.Make(UnusedSuppression.Meta, e.Until!.Span,
                    $"{what} expired after {e.Until.Value:yyyy-MM-dd} and silences nothing any more; fix what it silenced, or set a new 'until:' date with a reason");
            else if (RuleRegistry.Find(e.Rule.Value) is not null && !_used.Contains(e))
                yield return LintEngine.Make(UnusedSuppression.Meta, e.Object.Span, $"{what} matches no finding; remove it");
        }
    }

    private bool InForce(ObjectSuppression entry) => entry.Until is not { } until || today <= until.Value;

}
