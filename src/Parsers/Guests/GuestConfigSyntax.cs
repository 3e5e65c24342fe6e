using System.Collections.Immutable;
using System.Text;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Guests;

/// <summary>Which part of a guest config a section is (reference/pve-formats.md §3.1, §3.2).</summary>
public enum GuestSectionKind
{
    /// <summary>The lines before the first header: the current config.</summary>
    Main,
    /// <summary><c>[PENDING]</c> (qemu) or <c>[pve:pending]</c> (LXC): changes applied on the next start.</summary>
    Pending,
    /// <summary><c>[special:cloudinit]</c> (qemu only): the values the cloud-init drive was generated from.</summary>
    CloudInit,
    /// <summary><c>[special:fleecing]</c> (qemu only): left-over backup fleecing images.</summary>
    Fleecing,
    /// <summary><c>[name]</c>: a snapshot, a full copy of the config at snapshot time.</summary>
    Snapshot,
    /// <summary>Any other <c>[...]</c> in a qemu config: qemu-server skips it and every line up to the next header.</summary>
    Skipped,
}

/// <summary>How a line of a guest config was read.</summary>
public enum GuestEntryKind
{
    /// <summary><c>key: value</c>.</summary>
    Property,
    /// <summary>An LXC raw key <c>lxc.x.y: value</c> or <c>lxc.x.y = value</c>; these may repeat.</summary>
    RawLxc,
    /// <summary><c>description: text</c>, which is added to the section's description.</summary>
    Description,
    /// <summary><c>delete: key,key</c> in a pending section.</summary>
    Delete,
    /// <summary><c>snapstate: prepare|delete</c>, matched anywhere on the line as the real parsers do.</summary>
    SnapState,
}

/// <summary>One <c>key: value</c> line (or <c>lxc.key = value</c>). Spans cover exactly the key and the trimmed value.</summary>
/// <param name="KeyText">The key (one shared string per common key).</param>
/// <param name="KeyColumn">Where the key starts on the value's line.</param>
public sealed record GuestEntry(GuestEntryKind Kind, string KeyText, int KeyColumn, Located<string> Value)
{
    /// <summary>
    /// The key, located on the value's line. Made when asked: every guest keeps its entries, and a located key for each
    /// was a quarter of a large cluster's model.
    /// </summary>
    public Located<string> Key => new(KeyText, KeySpan);

    /// <summary>From the key to the end of the value (worked out when asked: every guest keeps its entries).</summary>
    public SourceSpan Span => KeySpan.Union(Value.Span);

    private SourceSpan KeySpan => SourceSpan.OnLine(Value.Span.Path, Value.Span.Line, KeyColumn, KeyText.Length);
}

/// <summary>A <c>#</c> line: part of the section's description.</summary>
/// <param name="File">The guest config, which the text and span are read from when asked (most descriptions are never read).</param>
public sealed record GuestComment(SourceFile File, int Line)
{
    public SourceSpan Span => File.LineSpan(Line);

    /// <summary>The URI-decoded text without the '#'.</summary>
    public string Text => GuestText.DecodeUri(File.LineChars(Line)[1..].ToString());
}

/// <summary>
/// A section of a guest config. <see cref="Name"/> is null for the main section; for a snapshot it is the
/// snapshot name, for pending/special sections the text between the brackets.
/// </summary>
/// <param name="Effective">The last <c>key: value</c> entry of each key (after <c>cdrom</c> → <c>ide2</c>): what the section ends up with.</param>
public sealed record GuestSection(
    GuestSectionKind Kind,
    Located<string>? Name,
    SourceSpan? HeaderSpan,
    ImmutableArray<GuestEntry> Entries,
    ImmutableArray<GuestComment> Comments,
    OrdinalMap<GuestEntry> Effective)
{
    /// <summary>Whether the section has description lines (<c>#</c> or <c>description:</c>), without joining them.</summary>
    public bool HasDescription => Comments.Length > 0 || Entries.Any(e => e.Kind == GuestEntryKind.Description);

    /// <summary>
    /// The description as the real parser builds it from <c>#</c> lines and <c>description:</c> lines, located on all
    /// of them; null when the section has none.
    /// </summary>
    public Located<string>? Description
    {
        get
        {
            // Both lists are in line order (the parser appends as it reads): merge them by position.
            var text = new StringBuilder();
            SourceSpan? span = null;
            var c = 0;
            void AddComment()
            {
                text.Append(Comments[c].Text).Append('\n');
                span = span?.Union(Comments[c].Span) ?? Comments[c].Span;
                c++;
            }
            foreach (var entry in Entries)
            {
                if (entry.Kind != GuestEntryKind.Description) continue;
                while (c < Comments.Length && Before(Comments[c].Span, entry.Span)) AddComment();
                text.Append(GuestText.DecodeUri(entry.Value.Value));
                span = span?.Union(entry.Span) ?? entry.Span;
            }
            while (c < Comments.Length) AddComment();
            return span is { } all ? new Located<string>(text.ToString().TrimEnd(), all) : null;
        }
    }

    private static bool Before(SourceSpan a, SourceSpan b) => a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column);
}

/// <summary>The syntax tree of one guest config and the problems found while reading it.</summary>
public sealed record GuestConfigSyntax(
    string Path,
    GuestKind Kind,
    int VmId,
    ImmutableArray<GuestSection> Sections,
    ImmutableArray<Diagnostic> Diagnostics)
{
    public GuestSection Main => Sections[0];

    public IEnumerable<GuestSection> Snapshots => Sections.Where(s => s.Kind == GuestSectionKind.Snapshot);
}
