using PveLint.Ceph.Crush;
using PveLint.Ceph.Health;
using PveLint.Json;
using PveLint.Ceph.Monitors;
using PveLint.Ceph.OsdMap;
using PveLint.Text;

namespace PveLint.Ceph;

/// <summary>A recognised file: its kind, and for JSON the parsed tree (or the parse error).</summary>
public sealed record RecognisedDump(CephDumpKind Kind, JsonParseResult? Json);

/// <summary>
/// Tells the Ceph dumps apart by content. JSON (first character '{' or '[') is parsed and told apart by its
/// top-level keys; text is told apart by its first lines. Only the first <see cref="LinesToInspect"/> lines are
/// looked at, so recognising a huge file costs little.
/// </summary>
public static class CephDumpRecognizer
{
    public const int LinesToInspect = 200;

    private static readonly string[] CrushKeywords = ["tunable", "device", "type", "rule", "choose_args"];

    public static RecognisedDump Recognize(SourceFile file)
    {
        var first = FirstNonWhitespace(file.Text);
        if (first < 0) return new RecognisedDump(CephDumpKind.Empty, null);
        if (file.Text[first] is '{' or '[')
        {
            var json = JsonTreeParser.Parse(file);
            return new RecognisedDump(json.Root is { } root ? RecognizeJson(root) : CephDumpKind.InvalidJson, json);
        }
        return new RecognisedDump(RecognizeText(file), null);
    }

    public static CephDumpKind RecognizeJson(JsonNode root)
    {
        if (!root.IsObject) return CephDumpKind.Unknown;
        if (CrushJsonReader.Looks(root)) return CephDumpKind.CrushJson;
        if (MonMapJsonReader.Looks(root)) return CephDumpKind.MonMapJson;
        if (OsdMapJsonReader.Looks(root)) return CephDumpKind.OsdMapJson;
        if (root.Has("pgmap") && root.Get("health") is { IsObject: true }) return CephDumpKind.StatusJson;
        if (MonMapJsonReader.LooksLikeQuorumStatus(root)) return CephDumpKind.QuorumStatusJson;
        if (OsdTreeJsonReader.Looks(root)) return CephDumpKind.OsdTreeJson;
        if (HealthJsonReader.Looks(root)) return CephDumpKind.HealthJson;
        if (root.Get("pg_stats") is { IsArray: true } || root.Has("pg_map")) return CephDumpKind.PgListJson;
        return CephDumpKind.Unknown;
    }

    public static CephDumpKind RecognizeText(SourceFile file)
    {
        var lines = new List<string>();
        var commentLines = new List<string>();
        for (var line = 1; line <= file.LineCount && lines.Count < LinesToInspect; line++)
        {
            var text = file.LineText(line).Trim();
            if (text.Length == 0) continue;
            if (text.StartsWith('#')) commentLines.Add(text);
            else lines.Add(text);
        }
        if (commentLines.Any(c => c.StartsWith("# begin crush map", StringComparison.Ordinal))) return CephDumpKind.CrushText;
        if (lines.Count == 0) return CephDumpKind.Unknown;
        var head = lines[0];

        // Tool output first: a saved crushtool --test run may start with the echoed '$ crushtool ...' command.
        if (lines.Any(IsCrushToolTestLine)) return CephDumpKind.CrushToolTest;
        if (lines.Any(IsPgMappingLine)) return CephDumpKind.PgMappings;
        if (head.StartsWith("$ ", StringComparison.Ordinal)) return CephDumpKind.Transcript;
        if (head.StartsWith("monmaptool:", StringComparison.Ordinal)) return CephDumpKind.MonMapText;
        if (head.StartsWith("epoch ", StringComparison.Ordinal) || head.StartsWith("osdmaptool:", StringComparison.Ordinal))
        {
            if (lines.Any(l => l.StartsWith("last_changed ", StringComparison.Ordinal) || l.StartsWith("min_mon_release ", StringComparison.Ordinal) || IsMonitorLine(l)))
                return CephDumpKind.MonMapText;
            if (lines.Any(l => l.StartsWith("max_osd ", StringComparison.Ordinal) || l.StartsWith("pool ", StringComparison.Ordinal) || l.StartsWith("crush_version ", StringComparison.Ordinal) || l.StartsWith("osd.", StringComparison.Ordinal)))
                return CephDumpKind.OsdMapText;
        }
        if (head is "cluster:") return CephDumpKind.StatusText;
        if (head.StartsWith("HEALTH_OK", StringComparison.Ordinal) || head.StartsWith("HEALTH_WARN", StringComparison.Ordinal) || head.StartsWith("HEALTH_ERR", StringComparison.Ordinal))
            return CephDumpKind.HealthText;
        if (head.StartsWith("ID ", StringComparison.Ordinal) && head.Contains("TYPE NAME", StringComparison.Ordinal)) return CephDumpKind.OsdTreeText;
        if (LooksLikeCrushDeclaration(StripComment(head))) return CephDumpKind.CrushText;
        return CephDumpKind.Unknown;
    }

    private static int FirstNonWhitespace(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (!char.IsWhiteSpace(text[i]) && text[i] != '\uFEFF') return i;
        return -1;
    }

    private static string StripComment(string line) => line.IndexOf('#') is var hash and >= 0 ? line[..hash].Trim() : line;

    /// <summary>The first line of a CRUSH map without its header comment: a keyword, or a bucket header <c>host pve1 {</c>.</summary>
    private static bool LooksLikeCrushDeclaration(string line)
    {
        var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return false;
        if (CrushKeywords.Contains(words[0]) && words.Length > 1) return true;
        return words.Length >= 3 && words[2] == "{" && words[0].All(CrushLexer.IsNameChar) && words[1].All(CrushLexer.IsNameChar);
    }

    /// <summary><c>CRUSH rule 1 x 0 [3,0,7,5]</c> (--show-mappings) or <c>rule 1 (stretch_rule) num_rep 4 result size == 4:</c> (--show-statistics).</summary>
    private static bool IsCrushToolTestLine(string line) =>
        line.StartsWith("CRUSH rule ", StringComparison.Ordinal) && line.Contains(" x ", StringComparison.Ordinal) ||
        line.StartsWith("rule ", StringComparison.Ordinal) && line.Contains(" (", StringComparison.Ordinal) && (line.Contains("num_rep", StringComparison.Ordinal) || line.Contains("x = ", StringComparison.Ordinal));

    /// <summary><c>pool 1 pg_num 32</c> or a PG line <c>1.1f	[5,6,0,2]	5</c> of <c>osdmaptool --test-map-pgs-dump</c>.</summary>
    private static bool IsPgMappingLine(string line)
    {
        if (line.StartsWith("pool ", StringComparison.Ordinal) && line.Contains(" pg_num ", StringComparison.Ordinal) && !line.Contains('\'')) return true;
        var i = 0;
        while (i < line.Length && char.IsAsciiDigit(line[i])) i++;
        if (i == 0 || i >= line.Length || line[i] != '.') return false;
        var j = ++i;
        while (i < line.Length && char.IsAsciiHexDigit(line[i])) i++;
        if (i == j) return false;
        while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
        return i < line.Length && line[i] == '[';
    }

    /// <summary><c>0: [v2:...] mon.pve1</c>.</summary>
    private static bool IsMonitorLine(string line)
    {
        var colon = line.IndexOf(':');
        return colon > 0 && line[..colon].All(char.IsAsciiDigit) && line.Contains(" mon.", StringComparison.Ordinal);
    }
}
