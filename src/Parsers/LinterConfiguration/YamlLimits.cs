using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PveLint.LinterConfiguration;

/// <summary>Where and why a YAML text is refused before it is loaded.</summary>
internal sealed record YamlLimitViolation(Mark Start, Mark End, string Message);

/// <summary>
/// Checks a YAML text on YamlDotNet's event stream (its parser is a state machine, not recursive) before the
/// representation model is built from it, because that model is where hostile input hurts:
/// <list type="bullet">
/// <item>it builds nested nodes recursively, so <c>? ? ? …</c> 20 000 times overflows the stack: nesting is
///   bounded, counted on the real events, so brackets inside quotes, comments or block scalars do not count;</item>
/// <item>it hashes and compares mapping keys by their whole expanded content, so aliases used as keys cost
///   exponential time (10 levels of <c>? [*a, *a, …]</c> took minutes): the content aliases add is bounded;</item>
/// <item>an alias inside the node that its anchor names (<c>&amp;a [*a]</c>) makes a cyclic node that hashing
///   never leaves: refused;</item>
/// <item>an alias before its anchor (<c>{ *d , y: &amp;d {} }</c>, which YAML forbids) overflows the stack when the
///   loader resolves it as a key: refused.</item>
/// </list>
/// Text that YamlDotNet cannot parse passes here; loading it reports the same error.
/// </summary>
internal static class YamlLimits
{
    public static YamlLimitViolation? Check(string text, int maxDepth, long maxAliasExpansion)
    {
        try
        {
            return Walk(new Parser(new StringReader(text)), maxDepth, maxAliasExpansion);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException or InvalidCastException)
        {
            return null;
        }
    }

    /// <summary>
    /// The size of a node is one per node plus the length of every scalar, with each alias counted as the full
    /// size of the node its anchor names: roughly what hashing, comparing or printing the node costs.
    /// </summary>
    private static YamlLimitViolation? Walk(IParser parser, int maxDepth, long maxAliasExpansion)
    {
        var open = new Stack<(string? Anchor, long Size)>();
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var openAnchors = new HashSet<string>(StringComparer.Ordinal);
        long expansion = 0;

        void Add(long size)
        {
            if (open.Count == 0) return;
            var (anchor, total) = open.Pop();
            open.Push((anchor, total + size));
        }

        void Define(string? anchor, long size)
        {
            if (anchor is null) return;
            sizes[anchor] = size;
            openAnchors.Remove(anchor);
        }

        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    // Anchors are per document (YamlDotNet's DocumentLoadingState).
                    sizes.Clear();
                    openAnchors.Clear();
                    break;
                case Scalar scalar:
                    var scalarSize = 1L + scalar.Value.Length;
                    Define(AnchorOf(scalar), scalarSize);
                    Add(scalarSize);
                    break;
                case MappingStart or SequenceStart:
                    var node = (NodeEvent)parser.Current;
                    if (open.Count >= maxDepth)
                        return new YamlLimitViolation(node.Start, node.End, $".pvelint.yaml nests deeper than {maxDepth} levels; the file was not read");
                    var anchor = AnchorOf(node);
                    if (anchor is not null)
                    {
                        sizes.Remove(anchor);
                        openAnchors.Add(anchor);
                    }
                    open.Push((anchor, 1));
                    break;
                case MappingEnd or SequenceEnd:
                    var (closed, size) = open.Pop();
                    Define(closed, size);
                    Add(size);
                    break;
                case AnchorAlias alias:
                    var name = alias.Value.Value;
                    if (openAnchors.Contains(name))
                        return new YamlLimitViolation(alias.Start, alias.End, $"alias '*{name}' in .pvelint.yaml is inside the node that '&{name}' names, so the node would contain itself; the file was not read");
                    // YAML allows no forward alias, and YamlDotNet's loader recurses forever on one used as a key.
                    if (!sizes.ContainsKey(name))
                        return new YamlLimitViolation(alias.Start, alias.End, $"alias '*{name}' in .pvelint.yaml comes before any anchor '&{name}' (an alias must follow its anchor); the file was not read");
                    var aliasSize = sizes.GetValueOrDefault(name, 1);
                    expansion += aliasSize;
                    if (expansion > maxAliasExpansion)
                        return new YamlLimitViolation(alias.Start, alias.End, $"aliases in .pvelint.yaml expand to more than {maxAliasExpansion} nodes and characters by alias '*{name}' (an alias bomb); the file was not read");
                    Add(aliasSize);
                    break;
            }
        }
        return null;
    }

    private static string? AnchorOf(NodeEvent node) => node.Anchor.IsEmpty ? null : node.Anchor.Value;
}
