namespace PveLint.Rules.Ceph;

/// <summary>Wording shared by the Ceph rules' messages.</summary>
internal static class CephText
{
    /// <summary>The text with its first letter capitalised, to start a message with a phrase.</summary>
    public static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"a, b, c" or "a, b, c, … (4 more)" beyond <paramref name="max"/> names.</summary>
    public static string List(IEnumerable<string> names, int max = 6)
    {
        var all = names.ToList();
        return string.Join(", ", all.Take(max)) + (all.Count > max ? $", … ({all.Count - max} more)" : "");
    }
}
