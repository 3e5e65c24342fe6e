using PveLint.Model;
using PveLint.Text;

namespace PveLint.Rules.Engine;

/// <summary>
/// The suppression comments of a model, indexed by file and target line so that matching a finding costs a
/// look-up, not a scan of every comment (80 000 comments against 80 000 findings took minutes).
/// </summary>
public sealed class SuppressionIndex
{
    private readonly Dictionary<(string Path, int Line), List<SuppressionComment>> _byLine = new();
    private readonly Dictionary<string, List<SuppressionComment>> _byFile = new(StringComparer.Ordinal);

    public SuppressionIndex(ClusterModel model)
    {
        // Files are ordered only when some hold a comment: the order decides the order of the comments' findings.
        var holding = model.Files.Values.Where(f => f.Text.Contains(SuppressionLines.Marker, StringComparison.Ordinal));
        All = holding.OrderBy(f => f.Path, StringComparer.Ordinal).SelectMany(SuppressionComment.ReadAll).ToList();
        foreach (var s in All)
        {
            if (s.Scope == SuppressionScope.File) Add(_byFile, s.Span.Path, s);
            else Add(_byLine, (s.Span.Path, s.TargetLine), s);
        }
    }

    /// <summary>Every suppression comment, by file then line.</summary>
    public IReadOnlyList<SuppressionComment> All { get; }

    /// <summary>
    /// The comments that silence <paramref name="finding"/>, each with the id or name in it that matches. A summary
    /// of findings a cap left out stands for many lines, so only a file-level comment silences it.
    /// </summary>
    /// <summary>Whether no file holds a suppression comment (the usual case: no finding needs looking up).</summary>
    public bool IsEmpty => _byLine.Count == 0 && _byFile.Count == 0;

    public IEnumerable<(SuppressionComment Comment, string Rule)> Matching(Finding finding)
    {
        if (finding.Span is not { } span) yield break;
        var onLine = finding.Omitted > 0 ? [] : _byLine.GetValueOrDefault((span.Path, span.Line), []);
        var candidates = onLine.Concat(_byFile.GetValueOrDefault(span.Path, []));
        foreach (var comment in candidates)
            foreach (var rule in comment.Rules.Where(r => Names(r.Value, finding.Rule)))
                yield return (comment, rule.Value);
    }

    /// <summary>Whether a suppression's id-or-name names <paramref name="rule"/> (case-insensitive).</summary>
    internal static bool Names(string idOrName, RuleMetadata rule) =>
        string.Equals(idOrName, rule.Id, StringComparison.OrdinalIgnoreCase) || string.Equals(idOrName, rule.Name, StringComparison.OrdinalIgnoreCase);

    private static void Add<TKey>(Dictionary<TKey, List<SuppressionComment>> index, TKey key, SuppressionComment comment) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(comment);
    }
}
