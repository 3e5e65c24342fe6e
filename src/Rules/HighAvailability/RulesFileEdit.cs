using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Rules.HighAvailability;

/// <summary>Fixes that write into ha/rules.cfg: append a section after an empty line, remove a line.</summary>
internal static class RulesFileEdit
{
    public const string Path = "etc/pve/ha/rules.cfg";

    /// <summary>Appends a section (text ending in '\n'); creates the file when the scan has none.</summary>
    public static Fix Append(ClusterModel model, string section, string description)
    {
        if (!model.Files.TryGetValue(Path, out var file) || file.Text.Length == 0)
            return new Fix(description, [new TextEdit(SourceSpan.WholeFile(Path), section)]);
        var text = file.Text;
        var separator = text.EndsWith("\n\n", StringComparison.Ordinal) ? "" : text.EndsWith('\n') ? "\n" : "\n\n";
        var lastLine = file.LineCount;
        var end = SourceSpan.OnLine(Path, lastLine, file.LineLength(lastLine) + 1, 0);
        return new Fix(description, [new TextEdit(end, separator + section)]);
    }

    /// <summary>Removes one whole line, its line break included.</summary>
    public static TextEdit RemoveLine(SourceSpan anywhereOnLine) =>
        new(new SourceSpan(anywhereOnLine.Path, anywhereOnLine.Line, 1, anywhereOnLine.Line + 1, 1), "");
}
