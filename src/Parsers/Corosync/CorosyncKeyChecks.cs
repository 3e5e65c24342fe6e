using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PveLint.Binding;
using PveLint.Corosync.Syntax;
using PveLint.Diagnostics;
using PveLint.Text;

namespace PveLint.Corosync;

/// <summary>
/// What corosync's parser callback (coroparse.c main_config_parser_cb) and its configuration map decide line by
/// line, plus the keys and sections it silently ignores (reference/corosync-quorum.md §1.2):
/// PVE0001 a key that cannot be stored or is not allowed in its block; PVE0002 unknown keys and sections;
/// PVE0003 a typed key whose value does not convert, or a value outside the enumeration checked while parsing;
/// PVE0004 a key repeated in one block; PVE0005 a repeated block (corosync merges it; PVE's parser refuses it);
/// PVE0007 a logger block without its required key.
/// </summary>
internal static partial class CorosyncKeyChecks
{
    /// <summary>PVE::Corosync's <c>$link_addr_re</c> also takes <c>linkN_addr</c>; corosync reads only <c>ringN_addr</c>.</summary>
    [GeneratedRegex("^link([0-9]+)_addr$", RegexOptions.CultureInvariant)]
    private static partial Regex LinkAddress();

    /// <param name="pve">How PVE's parser reads the file: a repeated section is its death only where it really dies.</param>
    /// <returns>Whether a finding already says where PVE's parser dies (a repeated section).</returns>
    public static bool Check(CorosyncDocument document, PveCorosyncReading pve, BindContext context) =>
        CheckContainer(document.Children, "", CorosyncSchema.Root, context, nodePositions: null, pve);

    /// <param name="nodePositions">Inside a nodelist: the node entry corosync stores each key of a node block in.</param>
    private static bool CheckContainer(ImmutableArray<CorosyncNode> children, string path, CorosyncSectionSpec? spec, BindContext context,
        Dictionary<CorosyncItem, int>? nodePositions, PveCorosyncReading pve)
    {
        var pveDeathReported = false;
        var items = children.OfType<CorosyncItem>().ToList();
        foreach (var item in items) CheckItem(item, items, path, spec, context, nodePositions);
        if (spec is not null && !spec.KeysAreEntries) CheckRepeatedKeys(items, path, spec, context);

        var sections = children.OfType<CorosyncSection>().Where(s => s.Name.Value.Length > 0).ToList();
        if (path == "nodelist") nodePositions = NodePositions(sections.Where(s => s.Name.Value == "node"));
        foreach (var section in sections)
        {
            var childPath = path.Length == 0 ? section.Name.Value : path + "." + section.Name.Value;
            CorosyncSectionSpec? childSpec = null;
            if (spec is not null)
            {
                childSpec = spec.Sections.Contains(section.Name.Value) ? CorosyncSchema.Section(childPath) : null;
                if (childSpec is null)
                    context.Report(DiagnosticIds.UnknownKey, section.Name.Span, UnknownSectionMessage(section, path, nodePositions));
            }
            pveDeathReported |= CheckContainer(section.Children, childPath, childSpec, context, nodePositions, pve);
            if (childSpec is not null) CheckRequiredKey(section, childSpec, context);
        }
        if (spec is not null) pveDeathReported |= CheckRepeatedSections(sections, path, spec, context, pve);
        return pveDeathReported;
    }

    private static void CheckItem(CorosyncItem item, List<CorosyncItem> siblings, string path, CorosyncSectionSpec? spec, BindContext context,
        Dictionary<CorosyncItem, int>? nodePositions)
    {
        var key = item.Key.Value;
        var n = 0;
        var inNode = nodePositions is not null && nodePositions.TryGetValue(item, out n);
        var cmapName = inNode ? $"nodelist.node.{n}.{key}" : path.Length == 0 ? key : path + "." + key;
        if (!IsStorableName(cmapName))
        {
            context.Report(DiagnosticIds.SyntaxError, item.Key.Span,
                $"Key '{Show(key)}' {Where(path)} cannot be stored in corosync's configuration map as '{Show(cmapName)}' (names need at least 3 characters of letters, digits, '.', '_', '-', '/' or ':'), so corosync refuses to start ('Can't store key into icmap').");
            return;
        }
        // In a section nested in a node block corosync still converts nodeid and quorum_votes (it stores them in the node).
        if (spec is null && inNode && CorosyncSchema.Section("nodelist.node")!.Keys.GetValueOrDefault(key) is { Type: not CorosyncValueType.Text } nodeKey)
            CheckValue(item, cmapName, nodeKey, context);
        if (spec is null) return;

        if (spec.OnlyKeysMessage is not null && !spec.Keys.ContainsKey(key))
        {
            context.Report(DiagnosticIds.SyntaxError, item.Key.Span,
                $"Key '{Show(key)}' is not allowed {Where(path)}, which takes only {string.Join(" and ", spec.Keys.Keys.Order(StringComparer.Ordinal))}; corosync refuses to start ('{spec.OnlyKeysMessage}').");
            return;
        }

        var keySpec = spec.Key(key);
        if (keySpec is null)
        {
            context.Report(DiagnosticIds.UnknownKey, item.Key.Span, UnknownKeyMessage(item, siblings, path, spec));
            return;
        }
        CheckValue(item, cmapName, keySpec, context);
    }

    private static void CheckValue(CorosyncItem item, string cmapName, CorosyncKeySpec spec, BindContext context)
    {
        var value = item.Value.Value;
        var span = value.Length > 0 ? item.Value.Span : item.Span;
        switch (spec.Type)
        {
            case CorosyncValueType.U64:
                if (!CorosyncIntegers.TryParseUnsigned64(value, out _))
                    context.Report(DiagnosticIds.InvalidValue, span,
                        $"Key '{cmapName}' must be an unsigned integer, but is '{Show(value)}'; corosync refuses to start because it cannot convert the value.");
                break;
            case CorosyncValueType.Text:
                if (spec.Enum is { WhileParsing: true } e && !e.Accepts(value))
                    context.Report(DiagnosticIds.InvalidValue, span, EnumMessage(cmapName, value, e));
                break;
            default:
                var (min, max) = CorosyncSchema.Range(spec.Type);
                if (!CorosyncIntegers.TryParse(value, min, max, out _))
                    context.Report(DiagnosticIds.InvalidValue, span,
                        $"Key '{cmapName}' must be an integer from {min} to {max}, but is '{Show(value)}'; corosync refuses to start ('Value of key \"{cmapName}\" is expected to be integer in range ({min}..{max}), but \"{Show(value)}\" was given').");
                break;
        }
    }

    internal static string EnumMessage(string cmapName, string value, CorosyncEnum e)
    {
        var consequence = e.Refuser == "corosync" ? "corosync refuses to start" : $"{e.Refuser} refuses to start, so the cluster gets no QDevice vote";
        return $"Key '{cmapName}' is '{Show(value)}', which is not one of {string.Join(", ", e.Values)}; {consequence} ('{e.UpstreamMessage}').";
    }

    /// <summary>Where corosync stores each key of the node blocks of one nodelist block (numbering restarts in every nodelist).</summary>
    private static Dictionary<CorosyncItem, int> NodePositions(IEnumerable<CorosyncSection> nodeBlocks)
    {
        var positions = new Dictionary<CorosyncItem, int>(ReferenceEqualityComparer.Instance);
        var next = 0;
        foreach (var block in nodeBlocks)
            foreach (var (position, item) in CorosyncConfigView.NodeItems(next, block, out next))
                positions[item] = position;
        return positions;
    }

    private static string UnknownSectionMessage(CorosyncSection section, string path, Dictionary<CorosyncItem, int>? nodePositions)
    {
        var name = Show(section.Name.Value);
        if (nodePositions is null || !path.StartsWith("nodelist.node", StringComparison.Ordinal))
            return $"Section '{name}' is not a corosync 3.1 section {Where(path)}; corosync stores its keys without using them.";
        return $"Section '{name}' inside a node block is not a corosync section, and corosync's parser ends a node at every '}}' inside a node block: its keys belong to this node, and the keys after its '}}' (line {section.CloseSpan?.Line ?? section.HeaderSpan.Line}) to another node entry, so corosync sees a node the file does not have (its votes count towards expected votes) while PVE's parser keeps one node; move its keys into the node block and remove the section.";
    }

    private static string UnknownKeyMessage(CorosyncItem item, List<CorosyncItem> siblings, string path, CorosyncSectionSpec spec)
    {
        var key = item.Key.Value;
        if (path == "totem.interface" && key == "ringnumber")
        {
            var link = CorosyncLinkNumber(siblings);
            // PVE's parser keys interfaces by linknumber and falls back to ringnumber only without one (issue 7 class 14).
            if (siblings.Any(i => i.Key.Value == "linknumber"))
                return $"Key 'ringnumber' in a totem interface is read by neither corosync 3 nor PVE's parser, which both take this interface's 'linknumber' (link {link}); remove it.";
            return $"Key 'ringnumber' in a totem interface is not read by corosync 3, which selects the link with 'linknumber' only, so this interface is link {link} for corosync while PVE's parser, lacking a linknumber, takes ringnumber '{Show(item.Value.Value)}' as its link.";
        }
        if (path == "nodelist.node" && LinkAddress().Match(key) is { Success: true } m)
            return $"Key '{Show(key)}' is not read by corosync, whose node addresses are ring{m.Groups[1].Value}_addr; PVE's tools accept it as the address of link {m.Groups[1].Value}, but corosync has no address for this node there.";
        var message = $"Key '{Show(key)}' is not a corosync 3.1 key {Where(path)}; corosync stores it without using it";
        var elsewhere = CorosyncSchema.SectionsKnowing(key, path).ToList();
        if (elsewhere.Count > 0) return message + $" (it belongs in '{string.Join("' or '", elsewhere)}').";
        var near = spec.Keys.Keys.Where(k => EditDistance.Between(k, key) <= 2).Order(StringComparer.Ordinal).FirstOrDefault();
        return near is not null ? message + $" (did you mean '{near}'?)." : message + ".";
    }

    private static void CheckRepeatedKeys(List<CorosyncItem> items, string path, CorosyncSectionSpec spec, BindContext context)
    {
        foreach (var group in items.GroupBy(i => i.Key.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var list = group.ToList();
            var winner = spec.FirstValueWins ? list[0] : list[^1];
            var lines = string.Join(", ", list.Select(i => i.Span.Line.ToString(CultureInfo.InvariantCulture)));
            foreach (var loser in list.Where(i => !ReferenceEquals(i, winner)))
            {
                var which = spec.FirstValueWins
                    ? $"corosync keeps the first value '{Show(winner.Value.Value)}' in this block (PVE's parser keeps the last)"
                    : $"corosync and PVE's parser both keep the last value '{Show(winner.Value.Value)}'";
                context.Report(new Diagnostic(DiagnosticIds.DuplicateKey,
                    $"Key '{Show(group.Key)}' is set more than once {Where(path)} (lines {lines}); {which}, so this line has no effect.",
                    loser.Key.Span, [new RelatedSpan(winner.Span, "the value in effect")]));
            }
        }
    }

    private static bool CheckRepeatedSections(List<CorosyncSection> sections, string path, CorosyncSectionSpec spec, BindContext context, PveCorosyncReading pve)
    {
        var pveDeathReported = false;
        foreach (var group in sections.GroupBy(s => s.Name.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var childPath = path.Length == 0 ? group.Key : path + "." + group.Key;
            var childSpec = spec.Sections.Contains(group.Key) ? CorosyncSchema.Section(childPath) : null;
            if (childSpec is null) continue; // unknown sections are reported once already
            var list = group.ToList();
            if (childPath == "totem.interface")
            {
                CheckInterfaceLinks(list, context);
                continue;
            }
            // PVE::Corosync::parse_conf keeps only 'node' and 'interface' blocks as lists (reference/pve-formats.md §6).
            if (childPath == "nodelist.node") continue;
            var pveDeath = $"section '{group.Key}' already exists and not marked as array!";
            foreach (var later in list.Skip(1))
            {
                // PVE's word-by-word reading decides whether it dies here (unbalanced braces nest the block elsewhere for it).
                var diesHere = pve.Death == pveDeath && pve.DeathAt!.Line == later.Name.Span.Line;
                pveDeathReported |= diesHere;
                var pveRefuses = diesHere ? $", but PVE's parser stops with '{pveDeath}', so pvecm and the GUI cannot read corosync.conf" : "";
                var corosyncDoes = childSpec.IsList
                    ? "corosync keeps the blocks apart"
                    : childPath == "nodelist"
                        ? "corosync numbers the nodes of each nodelist block from 0 again, so this block's nodes overwrite the earlier block's nodes key by key"
                        : "corosync merges the blocks (a key set in both takes the later value)";
                context.Report(new Diagnostic(DiagnosticIds.DuplicateSection,
                    $"Section '{Show(group.Key)}' appears again {Where(path)} (first on line {list[0].HeaderSpan.Line}); {corosyncDoes}{pveRefuses}.",
                    later.Name.Span, [new RelatedSpan(list[0].Name.Span, "the first block")]));
            }
        }
        return pveDeathReported;
    }

    /// <summary>corosync stores each interface block under its linknumber (default 0); two blocks with the same number merge.</summary>
    private static void CheckInterfaceLinks(List<CorosyncSection> interfaces, BindContext context)
    {
        var seen = new Dictionary<long, CorosyncSection>();
        foreach (var block in interfaces)
        {
            var link = CorosyncLinkNumber(block.Items);
            if (seen.TryGetValue(link, out var first))
            {
                context.Report(new Diagnostic(DiagnosticIds.DuplicateSection,
                    $"This interface block is link {link} for corosync, like the block on line {first.HeaderSpan.Line}; corosync merges both into link {link} (a key set in both takes the later value).",
                    block.Name.Span, [new RelatedSpan(first.Name.Span, $"the first block for link {link}")]));
            }
            else
            {
                seen[link] = block;
            }
        }
    }

    /// <summary>The link an interface block is stored under: its last valid 'linknumber', else 0 ('ringnumber' is ignored).</summary>
    internal static long CorosyncLinkNumber(IEnumerable<CorosyncItem> items)
    {
        long link = 0;
        foreach (var item in items.Where(i => i.Key.Value == "linknumber"))
            if (CorosyncIntegers.TryParse(item.Value.Value, 0, byte.MaxValue, out var n)) link = n;
        return link;
    }

    private static void CheckRequiredKey(CorosyncSection section, CorosyncSectionSpec spec, BindContext context)
    {
        var (key, message) = spec.Path switch
        {
            "logging.logger_subsys" => ("subsys", "No subsys key in logger_subsys directive"),
            "logging.logging_daemon" => ("name", "No name key in logging_daemon directive"),
            _ => (null, null),
        };
        if (key is null || section.Items.Any(i => i.Key.Value == key)) return;
        context.Report(DiagnosticIds.MissingRequiredKey, section.CloseSpan ?? section.Name.Span,
            $"Section '{section.Name.Value}' has no '{key}' key; corosync refuses to start ('{message}').");
    }

    /// <summary>icmap_check_key_name: 3 to 255 characters from [A-Za-z0-9._/:-].</summary>
    private static bool IsStorableName(string name)
    {
        if (name.Length < 3 || Encoding.UTF8.GetByteCount(name) > CorosyncParser.MaxPathBytes) return false;
        foreach (var c in name)
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '_' or '-' or '/' or ':')) return false;
        return true;
    }

    private static string Where(string path) => path.Length == 0 ? "at the top level" : $"in section '{path}'";

    private static string Show(string text) => CorosyncParser.Shorten(text);
}
