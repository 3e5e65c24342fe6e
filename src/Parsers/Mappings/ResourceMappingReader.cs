using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Mappings;

/// <summary>
/// <c>/etc/pve/mapping/pci.cfg</c> and <c>usb.cfg</c>, the cluster resource mappings of pve-guest-common
/// <c>PVE::Mapping::PCI</c> and <c>PVE::Mapping::USB</c> (SectionConfig files with their own header):
/// <list type="bullet">
/// <item>a header is the mapping id alone on a line from column 0 (<c>^(\S+)\s*$</c>, a <c>pve-configid</c>); the
///   type is implied by the file (the writer prints <c>format_section_header</c> = "ID\n");</item>
/// <item>body lines are indented <c>key value</c>; a section ends at the first empty line; <c>#</c> lines are comments;</item>
/// <item><c>map</c> is an array key: one line per node entry, each a property string
///   <c>node=NODE,path=...,id=VENDOR:DEVICE[,iommugroup=N][,subsystem-id=...][,description=...]</c> (PCI) or
///   <c>node=NODE,id=VENDOR:DEVICE[,path=BUS-PORT][,description=...]</c> (USB); a node may have several entries;</item>
/// <item>PCI also has <c>mdev</c> and <c>live-migration-capable</c> (booleans, default 0) and both have
///   <c>description</c>.</item>
/// </list>
/// A guest that uses <c>mapping=ID</c> finds the device through the entries of the node it starts on
/// (<c>get_node_mapping</c>); without an entry for that node it does not start there. Only what the HA rules need is
/// kept: the ids, the nodes of their entries and <c>live-migration-capable</c>.
/// </summary>
public static class ResourceMappingReader
{
    public static ImmutableArray<ResourceMapping> Read(SourceFile file, string kind, BindContext context)
    {
        var mappings = ImmutableArray.CreateBuilder<ResourceMapping>();
        (Located<string> Id, List<MappingEntry> Entries, bool Live, SourceSpan Header)? current = null;
        void Close()
        {
            if (current is { } c) mappings.Add(new ResourceMapping(kind, c.Id, c.Entries.ToImmutableArray(), c.Live, c.Header));
            current = null;
        }

        for (var line = 1; line <= file.LineCount; line++)
        {
            var text = file.LineText(line);
            if (text.Length == 0) { Close(); continue; }
            var start = PerlText.SkipSpaces(text, 0, text.Length);
            if (start < text.Length && text[start] == '#') continue;
            var end = PerlText.TrimEnd(text, 0, text.Length);
            if (start == 0)
            {
                var id = text[..end];
                if (current is null && id.Length > 0 && !id.Any(PerlText.IsSpace))
                {
                    current = (new Located<string>(id, file.SpanOnLine(line, 1, id.Length)), [], false, file.SpanOnLine(line, 1, id.Length));
                    continue;
                }
                context.Report(DiagnosticIds.SyntaxError, file.SpanOnLine(line, 1, end),
                    $"'{Excerpt(text)}' is not a mapping header (the mapping id alone on the line) here: PVE ignores the line ('ignore config line').");
                continue;
            }
            if (start >= end)
            {
                context.Report(DiagnosticIds.SyntaxError, file.SpanOnLine(line, 1, text.Length),
                    "a line of only white space: PVE ignores it ('ignore config line') and, as it is not empty, it does not end the mapping section.");
                continue;
            }
            if (current is null)
            {
                context.Report(DiagnosticIds.SyntaxError, file.SpanOnLine(line, 1, end), "a line outside any mapping section: PVE ignores it ('ignore config line').");
                continue;
            }
            var keyEnd = start;
            while (keyEnd < end && !PerlText.IsSpace(text[keyEnd])) keyEnd++;
            var key = text[start..keyEnd];
            var valueStart = PerlText.SkipSpaces(text, keyEnd, end);
            var value = text[valueStart..end];
            if (key == "map") ReadMap(file, line, valueStart, value, current.Value.Entries, context);
            else if (key == "live-migration-capable") current = current.Value with { Live = value is "1" || (value.Length == 0) };
        }
        Close();
        return mappings.ToImmutable();
    }

    private static void ReadMap(SourceFile file, int line, int column0, string value, List<MappingEntry> entries, BindContext context)
    {
        var valueSpan = file.SpanOnLine(line, column0 + 1, value.Length);
        var offset = 0;
        foreach (var part in value.Split(','))
        {
            if (part.StartsWith("node=", StringComparison.Ordinal) && part.Length > 5)
            {
                entries.Add(new MappingEntry(new Located<string>(part[5..], file.SpanOnLine(line, column0 + 1 + offset + 5, part.Length - 5)), new Located<string>(value, valueSpan)));
                return;
            }
            offset += part.Length + 1;
        }
        context.Report(DiagnosticIds.InvalidValue, valueSpan, $"'map {Excerpt(value)}' names no node (node=...): PVE cannot use this entry on any node.");
    }

    private static string Excerpt(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
