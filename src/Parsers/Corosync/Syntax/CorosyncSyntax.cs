using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Corosync.Syntax;

/// <summary>A node of a corosync.conf syntax tree. Every node knows its exact span.</summary>
public abstract record CorosyncNode(SourceSpan Span);

/// <summary>
/// A comment line: corosync skips a line whose first non-blank character is '#'. There are no inline comments
/// (reference/corosync-quorum.md §1.1 rule 3); <see cref="Text"/> starts at the '#'.
/// </summary>
public sealed record CorosyncComment(string Text, SourceSpan Span) : CorosyncNode(Span);

/// <summary>
/// A <c>key: value</c> line. <see cref="Key"/> and <see cref="Value"/> are trimmed the way corosync trims them
/// (so <c>key :   value</c> gives <c>key</c> and <c>value</c>); an empty value has an empty span just after the ':'.
/// <see cref="Span"/> covers the line from the key to the end of the value.
/// </summary>
public sealed record CorosyncItem(Located<string> Key, Located<string> Value, SourceSpan Span) : CorosyncNode(Span);

/// <summary>
/// A <c>name {</c> ... <c>}</c> block. <see cref="HeaderSpan"/> covers the opening line's text,
/// <see cref="CloseSpan"/> the closing '}' (null when the block is never closed). An empty
/// <see cref="Name"/> means a header without a name that the parser kept only to pair its braces.
/// </summary>
public sealed record CorosyncSection(
    Located<string> Name,
    SourceSpan HeaderSpan,
    SourceSpan? CloseSpan,
    ImmutableArray<CorosyncNode> Children,
    SourceSpan Span) : CorosyncNode(Span)
{
    public IEnumerable<CorosyncItem> Items => Children.OfType<CorosyncItem>();

    public IEnumerable<CorosyncSection> Sections => Children.OfType<CorosyncSection>();

    public bool IsClosed => CloseSpan is not null;
}

/// <summary>
/// A parsed corosync.conf: the top-level nodes in file order and the syntax diagnostics (PVE0001), each at the
/// line corosync would name in its <c>parser error: file:line: message</c>.
/// </summary>
public sealed record CorosyncDocument(SourceFile File, ImmutableArray<CorosyncNode> Children, ImmutableArray<Diagnostic> Diagnostics)
{
    public IEnumerable<CorosyncItem> Items => Children.OfType<CorosyncItem>();

    public IEnumerable<CorosyncSection> Sections => Children.OfType<CorosyncSection>();

    /// <summary>Every node in document order (depth first). The tree depth is bounded by the parser.</summary>
    public IEnumerable<CorosyncNode> DescendantNodes()
    {
        var stack = new Stack<IEnumerator<CorosyncNode>>();
        stack.Push(((IEnumerable<CorosyncNode>)Children).GetEnumerator());
        while (stack.Count > 0)
        {
            var e = stack.Peek();
            if (!e.MoveNext()) { stack.Pop(); continue; }
            yield return e.Current;
            if (e.Current is CorosyncSection s) stack.Push(((IEnumerable<CorosyncNode>)s.Children).GetEnumerator());
        }
    }
}
