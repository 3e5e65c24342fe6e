using System.Collections.Immutable;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Ceph;

/// <summary>
/// One <c>key = value</c> of ceph.conf. <see cref="RawKey"/> is the key as written (trimmed; a continued key may
/// span lines); <see cref="Key"/> is PVE's name for it (blank runs → '_', <c>\;</c> <c>\#</c> unescaped), e.g.
/// <c>mon host</c> → <c>mon_host</c>. <see cref="Value"/> is unquoted and unescaped; its span covers the value as
/// written (inside the quotes for a quoted value, across continuation lines). <see cref="Quote"/> is the quote
/// character of a quoted value.
/// </summary>
public sealed record CephConfEntry(Located<string> RawKey, string Key, Located<string> Value, char? Quote, SourceSpan Span);

/// <summary>A <c>[section]</c> and the entries up to the next header. <see cref="Name"/> is unescaped, spaces kept.</summary>
public sealed record CephConfSection(Located<string> Name, SourceSpan HeaderSpan, ImmutableArray<CephConfEntry> Entries);

/// <summary>The syntax tree of ceph.conf: sections in file order (a repeated header is a second node) and problems.</summary>
public sealed record CephConfSyntax(ImmutableArray<CephConfSection> Sections, ImmutableArray<Diagnostic> Diagnostics);
