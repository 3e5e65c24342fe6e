using PveLint.Corosync.Syntax;

namespace PveLint.Corosync;

/// <summary>
/// A <c>nodelist { node { ... } }</c> entry as corosync numbers it: <c>nodelist.node.&lt;Position&gt;.*</c>.
/// <see cref="FirstBlock"/> is the node block its first key is in (a phantom node's is the block corosync split).
/// </summary>
internal sealed record CorosyncNodeEntry(int Position, CorosyncSection FirstBlock, IReadOnlyDictionary<string, CorosyncItem> Items)
{
    public CorosyncItem? this[string key] => Items.GetValueOrDefault(key);
}

/// <summary>A <c>totem { interface { ... } }</c> block with the link corosync stores it under and its keys in effect.</summary>
internal sealed record CorosyncInterfaceBlock(CorosyncSection Block, long CorosyncLink, IReadOnlyDictionary<string, CorosyncItem> Items)
{
    public CorosyncItem? this[string key] => Items.GetValueOrDefault(key);
}

/// <summary>
/// The configuration corosync ends up with after merging (reference/corosync-quorum.md §1.2): repeated sections
/// merge and a repeated key keeps the last value; each node block is entry N of its nodelist block (N restarts at 0
/// in every nodelist block, so a second nodelist overwrites the first key by key); interface blocks are kept
/// per block and stored under their linknumber. Only top-level paths count: <c>foo { quorum { } }</c> is not quorum.
/// </summary>
internal sealed class CorosyncConfigView
{
    private readonly Dictionary<string, CorosyncItem> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CorosyncSection>> _sections = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, (CorosyncSection Block, Dictionary<string, CorosyncItem> Items)> _nodes = new();
    private readonly List<CorosyncInterfaceBlock> _interfaces = new();

    public CorosyncConfigView(CorosyncDocument document)
    {
        Collect(document.Children, "");
        Nodes = _nodes.Select(kv => new CorosyncNodeEntry(kv.Key, kv.Value.Block, kv.Value.Items)).ToList();
    }

    /// <summary>The node entries corosync stores, by position; positions without a key have no entry.</summary>
    public IReadOnlyList<CorosyncNodeEntry> Nodes { get; }

    public IReadOnlyList<CorosyncInterfaceBlock> Interfaces => _interfaces;

    /// <summary>The item in effect for a dotted key such as <c>quorum.two_node</c>.</summary>
    public CorosyncItem? this[string path] => _values.GetValueOrDefault(path);

    /// <summary>Every block with this dotted path, in file order.</summary>
    public IReadOnlyList<CorosyncSection> Sections(string path) =>
        _sections.TryGetValue(path, out var list) ? list : Array.Empty<CorosyncSection>();

    private void Collect(IEnumerable<CorosyncNode> children, string path)
    {
        var nodePosition = 0;
        foreach (var node in children)
        {
            switch (node)
            {
                case CorosyncItem item:
                    _values[path.Length == 0 ? item.Key.Value : path + "." + item.Key.Value] = item;
                    break;
                case CorosyncSection { Name.Value.Length: > 0 } section:
                    var childPath = path.Length == 0 ? section.Name.Value : path + "." + section.Name.Value;
                    if (!_sections.TryGetValue(childPath, out var list)) _sections[childPath] = list = new List<CorosyncSection>();
                    list.Add(section);
                    if (childPath == "nodelist.node") nodePosition = AddNode(nodePosition, section);
                    else if (childPath == "totem.interface") _interfaces.Add(new CorosyncInterfaceBlock(section, CorosyncKeyChecks.CorosyncLinkNumber(section.Items), LastValues(section)));
                    else Collect(section.Children, childPath);
                    break;
            }
        }
    }

    private int AddNode(int position, CorosyncSection block)
    {
        var items = NodeItems(position, block, out var next);
        foreach (var (at, item) in items)
        {
            if (!_nodes.TryGetValue(at, out var entry)) _nodes[at] = entry = (block, new Dictionary<string, CorosyncItem>(StringComparer.Ordinal));
            entry.Items[item.Key.Value] = item;
        }
        return next;
    }

    /// <summary>
    /// Where corosync stores the keys of a node block that starts at <paramref name="position"/> (coroparse.c
    /// main_config_parser_cb): every key inside it, at any depth, goes to <c>nodelist.node.&lt;N&gt;</c> and every
    /// '}' inside it, of the node or of a section nested in it, moves N on. So a section nested in a node block
    /// splits the node: the keys after it are a node of their own (issue 7 class 12).
    /// </summary>
    internal static List<(int Position, CorosyncItem Item)> NodeItems(int position, CorosyncSection block, out int next)
    {
        var items = new List<(int, CorosyncItem)>();
        next = Walk(block, position);
        return items;

        int Walk(CorosyncSection section, int at)
        {
            foreach (var child in section.Children)
            {
                if (child is CorosyncItem item) items.Add((at, item));
                else if (child is CorosyncSection nested) at = Walk(nested, at);
            }
            return at + 1;
        }
    }

    private static Dictionary<string, CorosyncItem> LastValues(CorosyncSection section)
    {
        var values = new Dictionary<string, CorosyncItem>(StringComparer.Ordinal);
        foreach (var item in section.Items) values[item.Key.Value] = item;
        return values;
    }
}
