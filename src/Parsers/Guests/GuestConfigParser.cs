using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Guests;

/// <summary>
/// Reads a qemu-server or pve-container guest config line by line, as <c>parse_vm_config</c> and
/// <c>parse_pct_config</c> do (reference/pve-formats.md §3.1, §3.2). Lines are not trimmed: a key must start in
/// column 1, <c>#</c> only starts a description line in column 1, and a value is everything after
/// <c>key:</c> (no space needed) with surrounding whitespace dropped. Every line is matched on its own, so a bad
/// line never affects the next one.
/// </summary>
public static class GuestConfigParser
{
    /// <summary>
    /// The reader (with its builders) of the last file this thread parsed: a large cluster has tens of thousands of
    /// guest configs of a dozen lines, where the reader's own objects were a tenth of what parsing one allocated.
    /// </summary>
    [ThreadStatic] private static LineReader? t_reader;

    public static GuestConfigSyntax Parse(SourceFile file, GuestKind kind, int vmid)
    {
        var reader = t_reader ?? new LineReader();
        t_reader = null; // a parse that throws leaves nothing half-used behind
        reader.Start(file, kind, vmid);
        for (var line = 1; line <= file.LineCount; line++) reader.Read(line);
        var syntax = reader.Finish();
        t_reader = reader;
        return syntax;
    }

    /// <summary>One section as it is read. The main section's builder is used again for the next file (<see cref="Start"/>).</summary>
    private sealed class SectionBuilder
    {
        public GuestSectionKind Kind { get; private set; }
        public Located<string>? Name { get; private set; }
        private SourceSpan? _header;
        private int _expectedComments;
        public ImmutableArray<GuestEntry>.Builder Entries { get; } = ImmutableArray.CreateBuilder<GuestEntry>(0);
        private ImmutableArray<GuestComment>.Builder? _comments; // most sections have none
        public OrdinalMap<GuestEntry>.Builder LastByKey { get; } = new();

        /// <param name="expectedEntries">Room for this many entries up front (for the main section: its lines that can be one), so nothing regrows or is copied.</param>
        /// <param name="expectedComments">Likewise for <c>#</c> lines.</param>
        public SectionBuilder Start(GuestSectionKind kind, Located<string>? name, SourceSpan? header, int expectedEntries = 0, int expectedComments = 0)
        {
            (Kind, Name, _header, _expectedComments) = (kind, name, header, expectedComments);
            Entries.Clear();
            Entries.Capacity = expectedEntries;
            _comments?.Clear();
            LastByKey.Reset(expectedEntries);
            return this;
        }

        public void AddComment(GuestComment comment)
        {
            _comments ??= ImmutableArray.CreateBuilder<GuestComment>();
            if (_comments.Count == 0) _comments.Capacity = Math.Max(1, _expectedComments);
            _comments.Add(comment);
        }

        public GuestSection Build()
        {
            var entries = Entries.DrainToImmutable();
            // Without a repeated key the last entry per key is every entry, in order: the map shares the entries' array.
            var effective = LastByKey.ToMapOver(ImmutableCollectionsMarshal.AsArray(entries)!) ?? LastByKey.ToMap();
            return new(Kind, Name, _header, entries, _comments is not { Count: > 0 } ? [] : _comments.DrainToImmutable(), effective);
        }
    }

    /// <summary>Reads one file at a time; <see cref="Start"/> readies it for the next.</summary>
    private sealed class LineReader
    {
        private SourceFile file = null!;
        private GuestKind kind;
        private int vmid;
        private readonly SectionBuilder _main = new();
        private List<SectionBuilder>? _more; // the sections after the main one: most configs have none
        private List<Diagnostic>? _diagnostics;
        private DiagnosticBudget? _budget;

        public void Start(SourceFile file, GuestKind kind, int vmid)
        {
            (this.file, this.kind, this.vmid) = (file, kind, vmid);
            var (entries, comments) = MainSectionSize(file);
            _main.Start(GuestSectionKind.Main, null, null, entries, comments);
            _more?.Clear();
            (_diagnostics, _budget, _sectionHeaders, _guestName) = (null, null, null, null);
        }

        /// <summary>
        /// How many entries and <c>#</c> lines the main section can hold: its lines up to the first <c>[</c>, an entry
        /// for each that starts with a lower-case letter (every kind of entry does, but an unanchored snapstate).
        /// </summary>
        private static (int Entries, int Comments) MainSectionSize(SourceFile file)
        {
            int entries = 0, comments = 0;
            for (var line = 1; line <= file.LineCount; line++)
            {
                var text = file.LineChars(line);
                if (text.IsEmpty) continue;
                if (text[0] == '[') break;
                if (text[0] == '#') comments++;
                else if (char.IsAsciiLetterLower(text[0])) entries++;
            }
            return (entries, comments);
        }

        /// <summary>Capped per id, so a file of a million bad lines keeps 500 diagnostics and a summary.</summary>
        private DiagnosticBudget Diagnostics => _budget ??= DiagnosticBudget.ForFile(file, d => (_diagnostics ??= []).Add(d));
        private Dictionary<string, SourceSpan>? _sectionHeaders;
        private string? _guestName;

        /// <summary>"VM 100" or "container 100", for messages only (most files have none).</summary>
        private string GuestName => _guestName ??= GuestText.Describe(kind, vmid);

        private SectionBuilder Current => _more is { Count: > 0 } more ? more[^1] : _main;

        public GuestConfigSyntax Finish()
        {
            _budget?.Flush(); // no budget: nothing was reported, so nothing was capped
            var sections = new GuestSection[1 + (_more?.Count ?? 0)];
            sections[0] = _main.Build();
            for (var i = 1; i < sections.Length; i++) sections[i] = _more![i - 1].Build();
            return new(file.Path, kind, vmid, ImmutableCollectionsMarshal.AsImmutableArray(sections), _diagnostics is null ? [] : [.. _diagnostics]);
        }

        public void Read(int line)
        {
            var text = file.LineChars(line);
            if (PerlText.IsBlank(text)) return;
            if (TryHeader(line, text)) return;
            if (Current.Kind == GuestSectionKind.Skipped) return; // qemu-server ignores the body of an unknown section

            if (text[0] == '#')
            {
                Current.AddComment(new GuestComment(file, line));
                return;
            }
            if (kind == GuestKind.Lxc && TryRawLxc(line, text)) return;
            if (TryPrefixed(line, text, "description", GuestEntryKind.Description)) return;
            if (TrySnapState(line, text)) return;
            if (kind == GuestKind.Qemu && TryPrefixed(line, text, "args", GuestEntryKind.Property)) return;
            if (TryPrefixed(line, text, "delete", GuestEntryKind.Delete)) return;
            if (TryKeyValue(line, text)) return;

            Report(DiagnosticIds.SyntaxError, file.LineSpan(line),
                $"Line '{GuestText.Excerpt(text.ToString())}' of {GuestName} is not a 'key: value' line (keys are lower case and start in column 1), so {GuestText.Reader(kind)} ignores it.");
        }

        /// <summary>
        /// <c>^\[([^\]]*)\]\s*$</c>. qemu: PENDING (any case), special:cloudinit|fleecing, a snapshot name, or an
        /// unknown section that is skipped. LXC: pve:pending or a snapshot name; anything else is not a header.
        /// </summary>
        private bool TryHeader(int line, ReadOnlySpan<char> text)
        {
            if (text[0] != '[') return false;
            var close = text.IndexOf(']');
            if (close < 0 || !PerlText.IsBlank(text[(close + 1)..])) return false;
            var inner = text[1..close].ToString();
            var name = new Located<string>(inner, file.SpanOnLine(line, 2, inner.Length));
            var span = file.SpanOnLine(line, 1, close + 1);

            if (ClassifyHeader(inner) is not { } sk) return false;

            if (sk == GuestSectionKind.Skipped)
            {
                Report(DiagnosticIds.SyntaxError, span,
                    $"Section '[{GuestText.Excerpt(inner)}]' in {GuestName} is neither a snapshot name ([a-z][a-z0-9_-]+), PENDING nor special:cloudinit|fleecing, so qemu-server skips it and every line up to the next section header.");
            }
            else
            {
                // qemu-server keys pending and special sections by their fixed name, snapshots by the name as written.
                var identity = sk switch
                {
                    GuestSectionKind.Pending => "pending",
                    GuestSectionKind.Snapshot => "snapshot:" + inner,
                    _ => "special:" + inner[8..],
                };
                _sectionHeaders ??= new(StringComparer.Ordinal);
                if (_sectionHeaders.TryGetValue(identity, out var first))
                {
                    Diagnostics.Report(new Diagnostic(DiagnosticIds.DuplicateSection,
                        $"Section '[{inner}]' appears twice in {GuestName}; {GuestText.Reader(kind)} keeps only the later one.",
                        span, [new RelatedSpan(first, "the earlier section, which is discarded")]));
                }
                _sectionHeaders[identity] = span;
            }
            (_more ??= []).Add(new SectionBuilder().Start(sk, name, span));
            return true;
        }

        /// <summary>What the text between the brackets makes of a header, in the order the real parsers test it.</summary>
        private GuestSectionKind? ClassifyHeader(string inner)
        {
            if (kind == GuestKind.Lxc)
            {
                if (inner.Equals("pve:pending", StringComparison.OrdinalIgnoreCase)) return GuestSectionKind.Pending;
                return IsSnapshotName(inner) ? GuestSectionKind.Snapshot : null;
            }
            if (inner.Equals("PENDING", StringComparison.OrdinalIgnoreCase)) return GuestSectionKind.Pending;
            if (inner.Equals("special:cloudinit", StringComparison.OrdinalIgnoreCase)) return GuestSectionKind.CloudInit;
            if (inner.Equals("special:fleecing", StringComparison.OrdinalIgnoreCase)) return GuestSectionKind.Fleecing;
            return IsSnapshotName(inner) ? GuestSectionKind.Snapshot : GuestSectionKind.Skipped;
        }

        /// <summary>Snapshot names: <c>[a-z][a-z0-9_\-]+</c>, case-insensitive, at least two characters.</summary>
        private static bool IsSnapshotName(string name)
        {
            if (name.Length < 2 || !char.IsAsciiLetter(name[0])) return false;
            foreach (var c in name.AsSpan(1))
                if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-') return false;
            return true;
        }

        /// <summary>
        /// <c>^(description|args|delete):\s*(.*\S)\s*$</c>: the value must hold a non-blank character; otherwise the
        /// line falls through to the generic key rule, as in the real parsers.
        /// </summary>
        private bool TryPrefixed(int line, ReadOnlySpan<char> text, string key, GuestEntryKind entryKind)
        {
            if (text.Length <= key.Length || text[key.Length] != ':' || !text.StartsWith(key, StringComparison.Ordinal)) return false;
            var start = key.Length + 1;
            while (start < text.Length && PerlText.IsSpace(text[start])) start++;
            if (start == text.Length) return false;
            var end = text.Length;
            while (PerlText.IsSpace(text[end - 1])) end--;

            if (entryKind == GuestEntryKind.Delete && Current.Kind != GuestSectionKind.Pending)
            {
                var pending = kind == GuestKind.Qemu ? "[PENDING]" : "[pve:pending]";
                Report(DiagnosticIds.UnknownKey, file.SpanOnLine(line, 1, key.Length),
                    $"Property 'delete' in {GuestName} is only allowed in the {pending} section, so {GuestText.Reader(kind)} drops it.");
                return true;
            }
            var entry = Add(line, entryKind, 0, key.Length, start, end - start);
            if (entryKind == GuestEntryKind.Property) TrackDuplicate(entry);
            return true;
        }

        /// <summary><c>snapstate:\s*(prepare|delete)\s*$</c>, unanchored like the real parsers: it may match mid-line.</summary>
        private bool TrySnapState(int line, ReadOnlySpan<char> text)
        {
            const string marker = "snapstate:";
            for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = NextIndexOf(text, marker, at + 1))
            {
                var p = at + marker.Length;
                while (p < text.Length && PerlText.IsSpace(text[p])) p++;
                foreach (var word in (ReadOnlySpan<string>)["prepare", "delete"])
                {
                    if (!text[p..].StartsWith(word, StringComparison.Ordinal) || !PerlText.IsBlank(text[(p + word.Length)..])) continue;
                    Add(line, GuestEntryKind.SnapState, at, marker.Length - 1, p, word.Length);
                    return true;
                }
            }
            return false;
        }

        /// <summary>LXC raw keys: <c>^(lxc\.[a-z0-9_\-\.]+)(:|\s*=)\s*(.*?)\s*$</c>; the value may be empty.</summary>
        private bool TryRawLxc(int line, ReadOnlySpan<char> text)
        {
            if (!text.StartsWith("lxc.", StringComparison.Ordinal)) return false;
            var end = 4;
            while (end < text.Length && (char.IsAsciiLetterLower(text[end]) || char.IsAsciiDigit(text[end]) || text[end] is '_' or '-' or '.')) end++;
            if (end == 4) return false;
            var sep = end;
            if (sep < text.Length && text[sep] == ':') sep++;
            else
            {
                while (sep < text.Length && PerlText.IsSpace(text[sep])) sep++;
                if (sep >= text.Length || text[sep] != '=') return false;
                sep++;
            }
            var start = sep;
            while (start < text.Length && PerlText.IsSpace(text[start])) start++;
            var valueEnd = text.Length;
            while (valueEnd > start && PerlText.IsSpace(text[valueEnd - 1])) valueEnd--;

            var entry = Add(line, GuestEntryKind.RawLxc, 0, end, start, valueEnd - start);
            if (LxcRawKeys.Problem(entry.KeyText) is { } problem)
                Report(DiagnosticIds.UnknownKey, entry.Key.Span, $"In {GuestName}, {problem}.");
            return true;
        }

        /// <summary>
        /// <c>^([a-z][a-z_\-]*\d*):\s*(.+?)\s*$</c> (qemu) or <c>^([a-z][a-z_]*\d*):...</c> (LXC, no '-').
        /// A value of only blanks still matches: the regex then captures the last blank, as Perl does.
        /// </summary>
        private bool TryKeyValue(int line, ReadOnlySpan<char> text)
        {
            if (!char.IsAsciiLetterLower(text[0])) return false;
            var end = 1;
            while (end < text.Length && (char.IsAsciiLetterLower(text[end]) || text[end] == '_' || (text[end] == '-' && kind == GuestKind.Qemu))) end++;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end >= text.Length || text[end] != ':' || end + 1 >= text.Length) return false;

            var start = end + 1;
            while (start < text.Length && PerlText.IsSpace(text[start])) start++;
            int valueStart, valueLength;
            if (start < text.Length)
            {
                var valueEnd = text.Length;
                while (PerlText.IsSpace(text[valueEnd - 1])) valueEnd--;
                (valueStart, valueLength) = (start, valueEnd - start);
            }
            else
            {
                (valueStart, valueLength) = (text.Length - 1, 1);
            }

            TrackDuplicate(Add(line, GuestEntryKind.Property, 0, end, valueStart, valueLength));
            return true;
        }

        /// <summary>Both parsers assign <c>$conf->{$key} = $value</c>: a repeated key silently replaces the earlier value.</summary>
        private void TrackDuplicate(GuestEntry entry)
        {
            var key = GuestKeys.Effective(kind, entry.KeyText);
            if (Current.LastByKey.TryGetValue(key, out var earlier))
            {
                Diagnostics.Report(new Diagnostic(DiagnosticIds.DuplicateKey,
                    $"Key '{key}' is set twice in {SectionLabel()} of {GuestName}; {GuestText.Reader(kind)} keeps the later value '{GuestText.Excerpt(entry.Value.Value)}' (line {entry.Span.Line}).",
                    earlier.Key.Span, [new RelatedSpan(entry.Span, "the later value, which wins")]));
            }
            Current.LastByKey.Set(key, entry);
        }

        private string SectionLabel() => Current.Kind switch
        {
            GuestSectionKind.Main => "the current config",
            GuestSectionKind.Snapshot => $"snapshot '{Current.Name!.Value}'",
            _ => $"section '[{Current.Name!.Value}]'",
        };

        private GuestEntry Add(int line, GuestEntryKind entryKind, int keyIndex, int keyLength, int valueIndex, int valueLength)
        {
            var text = file.LineChars(line);
            var valueSpan = file.SpanOnLine(line, valueIndex + 1, valueLength);
            var entry = new GuestEntry(
                entryKind,
                GuestKeyNames.Of(text.Slice(keyIndex, keyLength)),
                keyIndex + 1,
                new Located<string>(RepeatedValues.Of(text.Slice(valueIndex, valueLength)), valueSpan));
            Current.Entries.Add(entry);
            return entry;
        }

        private static int NextIndexOf(ReadOnlySpan<char> text, string value, int from)
        {
            var at = text[from..].IndexOf(value, StringComparison.Ordinal);
            return at < 0 ? -1 : from + at;
        }

        private void Report(string id, SourceSpan span, string message) => Diagnostics.Report(Diagnostic.At(id, span, message));
    }
}
