using PveLint.Corosync.Syntax;

namespace PveLint.Corosync;

/// <summary>A <c>nodelist { node { ... } }</c> entry as corosync numbers it: <c>nodelist.node.&lt;Position&gt;.*</c>.</summary>
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
    private readonly List<Dictionary<string, CorosyncItem>> _nodeItems = new();
    private readonly List<CorosyncSection> _nodeBlocks = new();
    private readonly List<CorosyncInterfaceBlock> _interfaces = new();

    public CorosyncConfigView(CorosyncDocument document)
    {
        Collect(document.Children, "");
        Nodes = _nodeItems.Select((items, i) => new CorosyncNodeEntry(i, _nodeBlocks[i], items)).ToList();
    }

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
                    if (childPath == "nodelist.node") AddNode(nodePosition++, section);
                    else if (childPath == "totem.interface") _interfaces.Add(new CorosyncInterfaceBlock(section, CorosyncKeyChecks.CorosyncLinkNumber(section.Items), LastValues(section)));
                    else Collect(section.Children, childPath);
                    break;
            }
        }
    }

    private void AddNode(int position, CorosyncSection block)
    {
        while (_nodeItems.Count <= position)
        {
            _nodeItems.Add(new Dictionary<string, CorosyncItem>(StringComparer.Ordinal));
            _nodeBlocks.Add(block);
        }
        foreach (var item in block.Items) _nodeItems[position][item.Key.Value] = item;
    }

    private static Dictionary<string, CorosyncItem> LastValues(CorosyncSection section)
    {
        var values = new Dictionary<string, CorosyncItem>(StringComparer.Ordinal);
        foreach (var item in section.Items) values[item.Key.Value] = item;
        return values;
    }
}
