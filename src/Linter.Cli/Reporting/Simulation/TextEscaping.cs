using System.Text;

namespace PveLint.Cli.Reporting.Simulation;

/// <summary>Names and values come from the scanned files: control characters and line breaks never reach the terminal raw.</summary>
internal static class TextEscaping
{
    public static string Line(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text) sb.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        return sb.ToString();
    }
}
