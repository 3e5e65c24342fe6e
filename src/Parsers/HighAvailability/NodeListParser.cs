using PveLint.Text;
using System.Collections.Immutable;
using Pidgin;
using PveLint.SectionConfig.Syntax;
using static Pidgin.Parser;
using static Pidgin.Parser<char>;

namespace PveLint.HighAvailability;

/// <summary>
/// One item of an HA node list: its text and offset in the value, and — when it parses — the node and priority.
/// </summary>
public sealed record NodeListItem(int Offset, string Text, string? Node, int Priority)
{
    public bool IsValid => Node is not null;
}

/// <summary>
/// HA node lists (<c>pve-ha-node-list</c>: groups.cfg and node-affinity rules' <c>nodes</c>), as pve-ha-manager
/// Tools.pm reads them (reference/pve-ha-manager.md §1.3): the value is split with <c>split_list</c> (',', ';' and
/// whitespace), and each item is <c>node[:priority]</c> — a host-name label
/// (<c>[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?</c>) and an optional priority of ASCII digits only (no sign), 0 when
/// absent; a higher number is preferred.
/// </summary>
public static class NodeListParser
{
    private static readonly Parser<char, char> LetterOrDigit = Token(PerlText.IsAsciiLetterOrDigit);

    private static readonly Parser<char, string> NodeName =
        Map((first, rest) => first + rest, LetterOrDigit, Token(c => PerlText.IsAsciiLetterOrDigit(c) || c == '-').ManyString())
            .Assert(name => name[^1] != '-', "a node name cannot end with '-'");

    private static readonly Parser<char, Maybe<string>> Priority =
        Char(':').Then(Token(PerlText.IsDigit).AtLeastOnceString()).Optional();

    private static readonly Parser<char, (string Node, Maybe<string> Priority)> Entry =
        Map((node, priority) => (node, priority), NodeName, Priority).Before(End);

    /// <summary>Parses one <c>node[:priority]</c> item (Tools.pm <c>parse_node_priority</c>).</summary>
    public static bool TryParseEntry(string text, out string node, out int priority)
    {
        node = "";
        priority = 0;
        var result = Entry.Parse(text);
        if (!result.Success) return false;
        node = result.Value.Node;
        priority = result.Value.Priority.HasValue ? PerlInt(result.Value.Priority.Value) : 0;
        return true;
    }

    /// <summary>Splits and parses a whole node list value.</summary>
    public static ImmutableArray<NodeListItem> Parse(string value) =>
        PerlText.SplitList(value)
            .Select(part => TryParseEntry(part.Text, out var node, out var priority)
                ? new NodeListItem(part.Offset, part.Text, node, priority)
                : new NodeListItem(part.Offset, part.Text, null, 0))
            .ToImmutableArray();

    /// <summary>Perl <c>int()</c> of a digit string; beyond int range it saturates.</summary>
    private static int PerlInt(string digits) => int.TryParse(digits, out var n) ? n : int.MaxValue;
}
