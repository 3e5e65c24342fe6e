namespace PveLint.LinterConfiguration;

/// <summary>
/// A cheap pre-check of how deeply a YAML text nests (flow brackets, and block indentation in steps of at
/// least one space), so hostile input never reaches YamlDotNet's recursive node builder.
/// </summary>
internal static class YamlNesting
{
    public static bool Exceeds(string text, int maxDepth, out int offset)
    {
        var depth = 0;
        var lineStart = true;
        var indent = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n') { lineStart = true; indent = 0; continue; }
            if (lineStart && (c == ' ' || c == '-'))
            {
                // Each block level needs at least one more column of indentation (or a "- " sequence marker).
                if (++indent > maxDepth * 2) { offset = i; return true; }
                continue;
            }
            lineStart = false;
            if (c is '[' or '{') { if (++depth > maxDepth) { offset = i; return true; } }
            else if (c is ']' or '}') depth = Math.Max(0, depth - 1);
        }
        offset = 0;
        return false;
    }
}
