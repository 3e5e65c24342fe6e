namespace PveLint.Fuzz.Targets;

/// <summary>
/// The one-file form of a whole scan root used by the pipeline target and its seeds: a line <c>&gt;&gt;&gt; PATH</c>
/// starts the file at logical path PATH, the lines after it are its text. Text before the first marker is dropped; a
/// path given twice keeps its last text (as <see cref="PveLint.Sources.ConfigTree"/> does).
/// </summary>
internal static class ClusterText
{
    public const string Marker = ">>> ";

    public static List<KeyValuePair<string, string>> Split(string text)
    {
        var files = new List<KeyValuePair<string, string>>();
        string? path = null;
        var start = 0;
        var offset = 0;
        while (offset <= text.Length)
        {
            var end = text.IndexOf('\n', offset);
            if (end < 0) end = text.Length;
            if (string.CompareOrdinal(text, offset, Marker, 0, Marker.Length) == 0)
            {
                if (path is not null) files.Add(new(path, text[start..offset]));
                path = text[(offset + Marker.Length)..end].TrimEnd('\r');
                start = Math.Min(end + 1, text.Length);
            }
            offset = end + 1;
        }
        if (path is not null) files.Add(new(path, text[start..]));
        return files;
    }
}
