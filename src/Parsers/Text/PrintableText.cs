using System.Globalization;
using System.Text;

namespace PveLint.Text;

/// <summary>
/// Text from the input (file and archive entry names, values quoted in messages) made safe to print on one line
/// of a terminal, a CI log or an MSBuild log: line breaks and control characters become visible escapes
/// (<c>\n</c>, <c>\r</c>, <c>\x1B</c>, <c>\u2028</c>), so a name cannot start a new log line (a forged
/// <c>::error</c> workflow command), send ESC/BEL/OSC sequences to the terminal, or reorder the line with
/// bidirectional overrides. Tabs stay. Text that needs nothing is returned as it is.
/// </summary>
public static class PrintableText
{
    public static string Escape(string text)
    {
        var first = 0;
        while (first < text.Length && !NeedsEscape(text[first])) first++;
        if (first == text.Length) return text;

        var sb = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(c)) sb.Append(c);
            else if (c == '\n') sb.Append("\\n");
            else if (c == '\r') sb.Append("\\r");
            else if (c < 0x80) sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>C0 and C1 controls but tab, DEL, the Unicode line and paragraph separators, and bidi controls.</summary>
    private static bool NeedsEscape(char c) =>
        (c < 0x20 && c != '\t') || c is (>= '\u007F' and <= '\u009F') or '\u2028' or '\u2029'
            or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
