namespace PveLint.Text;

/// <summary>Levenshtein distance for "did you mean" suggestions, bounded so that long or very different names cost nothing.</summary>
public static class EditDistance
{
    /// <summary>The number of single-character edits from <paramref name="a"/> to <paramref name="b"/>, or int.MaxValue when their lengths differ by more than 2 or either is longer than 64.</summary>
    public static int Between(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2 || a.Length > 64 || b.Length > 64) return int.MaxValue;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>
    /// The candidate closest to <paramref name="name"/> (case-insensitive) when it is near enough to be a likely
    /// typo: at most 2 edits, and fewer than half the length of the name; a candidate that differs only in case
    /// (PVE1 for pve1) is the nearest. Null when none is near, when several are equally near (with nodes
    /// pve1..pve3, 'pve9' could mean any of them), and when the name itself is a candidate.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var key = name.ToLowerInvariant();
        var limit = Math.Min(2, (key.Length - 1) / 2);
        string? best = null;
        var bestDistance = int.MaxValue;
        var tied = false;
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            if (candidate == name) return null;
            var distance = Between(key, candidate.ToLowerInvariant());
            if (distance > limit || distance > bestDistance) continue;
            tied = distance == bestDistance;
            if (!tied) (best, bestDistance) = (candidate, distance);
        }
        return tied ? null : best;
    }

    /// <summary>" (did you mean 'pve2'?)" for the <see cref="Closest"/> candidate, else empty: appended to a message about a name that points nowhere.</summary>
    public static string DidYouMean(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates) is { } near ? $" (did you mean '{near}'?)" : "";
}
