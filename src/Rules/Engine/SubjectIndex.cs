using PveLint.Model;
using PveLint.Text;

namespace PveLint.Rules.Engine;

/// <summary>
/// What a finding is about, by name, for object-keyed suppressions (<c>suppressions:</c> in .pvelint.yaml): the
/// <see cref="Finding.Subjects"/> a rule set, plus the object whose definition holds the finding's primary span —
/// a resources.cfg section (its sid, vm:101), an HA rule or group, a storage, a replication or backup job, a guest
/// config (vm:101 / ct:102), a corosync node block, a Ceph pool, monitor, CRUSH bucket or CRUSH rule, a host's
/// watchdog file (the node). So every rule with a span gets subjects without doing anything; rules whose span lies
/// elsewhere set them explicitly.
/// </summary>
public sealed class SubjectIndex
{
    private readonly Dictionary<string, List<(SourceSpan Span, string Subject)>> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _wholeFiles = new(StringComparer.Ordinal);

    public SubjectIndex(ClusterModel model)
    {
        foreach (var r in model.Ha.Resources) Add(r.Section.Span, r.Sid);
        foreach (var r in model.Ha.Rules) Add(r.Section.Span, r.Id.Value);
        foreach (var g in model.Ha.Groups) Add(g.Section.Span, g.Id.Value);
        foreach (var s in model.Storages) if (s.Section is { } section) Add(section.Span, s.Id.Value);
        foreach (var j in model.Replication) Add(j.Section.Span, j.Id.Value);
        foreach (var j in model.BackupJobs) Add(j.Section.Span, j.Section.Id.Value);
        foreach (var n in model.Corosync?.Nodes ?? []) Add(n.Span, n.Name.Value);
        foreach (var p in model.Ceph.Pools) Add(p.Span, p.Name);
        foreach (var m in model.Ceph.Monitors) Add(m.Span, m.Name);
        foreach (var b in model.Ceph.Crush?.Buckets ?? []) Add(b.Span, b.Name);
        foreach (var r in model.Ceph.Crush?.Rules ?? []) Add(r.Span, r.Name);
        foreach (var g in model.Guests) _wholeFiles[g.Path] = g.Sid;
        foreach (var (node, watchdog) in model.NodeWatchdogs) _wholeFiles[watchdog.Path] = node;
        foreach (var list in _byPath.Values) list.Sort((a, b) => a.Span.Line.CompareTo(b.Span.Line));
    }

    /// <summary>The subjects of <paramref name="finding"/>: those its rule set, then the object its span lies in.</summary>
    public IEnumerable<string> Of(Finding finding)
    {
        foreach (var subject in finding.Subjects) yield return subject;
        if (finding.Span is not { } span) yield break;
        if (_wholeFiles.TryGetValue(span.Path, out var owner)) yield return owner;
        if (!_byPath.TryGetValue(span.Path, out var list)) yield break;
        // The objects of one file do not overlap: the last one starting at or above the line is the only candidate.
        var (low, high) = (0, list.Count - 1);
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (list[mid].Span.Line <= span.Line) low = mid + 1;
            else high = mid - 1;
        }
        if (high >= 0 && span.Line <= list[high].Span.EndLine) yield return list[high].Subject;
    }

    private void Add(SourceSpan span, string subject)
    {
        if (!_byPath.TryGetValue(span.Path, out var list)) _byPath[span.Path] = list = [];
        list.Add((span, subject));
    }
}
