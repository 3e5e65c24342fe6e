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
}
