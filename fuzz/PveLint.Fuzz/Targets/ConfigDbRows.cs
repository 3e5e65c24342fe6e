using System.Text;
using Linter.Cli.Tests.Support;

namespace PveLint.Fuzz.Targets;

/// <summary>
/// The text form of config.db rows used by the configdb-rows target and its seeds: one row per line,
/// <c>inode|parent|type|name|data</c>. Numbers that do not parse are 0; a name written <c>#blob:x</c> is stored as a
/// blob and <c>#int:7</c> as an integer (pmxcfs stores text); data <c>@null</c> is NULL, else its UTF-8 bytes with
/// <c>\n</c>, <c>\t</c>, <c>\0</c> and <c>\\</c> unescaped. Inode 0 (the version row) and repeated inodes are dropped.
/// </summary>
internal static class ConfigDbRows
{
    public static List<TreeRow> Decode(string text)
    {
        var rows = new List<TreeRow>();
        var inodes = new HashSet<long> { 0 };
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split('|', 5);
            if (fields.Length < 4) continue;
            var inode = Number(fields[0]);
            if (!inodes.Add(inode)) continue;
            rows.Add(new TreeRow(inode, Number(fields[1]), Number(fields[2]), Name(fields[3]), fields.Length == 5 ? Data(fields[4]) : null));
        }
        return rows;
    }

    private static long Number(string text) => long.TryParse(text.Trim(), out var n) ? n : 0;

    private static object Name(string text) =>
        text.StartsWith("#blob:", StringComparison.Ordinal) ? Encoding.UTF8.GetBytes(text[6..])
        : text.StartsWith("#int:", StringComparison.Ordinal) ? Number(text[5..])
        : text;

    private static byte[]? Data(string text) => text == "@null" ? null : Encoding.UTF8.GetBytes(Unescape(text));

    private static string Unescape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length) { sb.Append(text[i]); continue; }
            sb.Append(text[++i] switch { 'n' => '\n', 't' => '\t', '0' => '\0', var c => c });
        }
        return sb.ToString();
    }
}
