using System.Collections.Immutable;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.PropertyStrings;

/// <summary>
/// One part of a PVE property string: <c>key=value</c>, or a bare value that belongs to the format's default key
/// (<see cref="Key"/> null). <see cref="Span"/> covers the whole part.
/// </summary>
public sealed record PropertyItem(Located<string>? Key, Located<string> Value, SourceSpan Span);

/// <summary>
/// PVE's comma-separated property strings (<c>crs: ha=static,ha-rebalance-on-start=1</c>,
/// <c>scsi0: local-lvm:vm-100-disk-0,size=32G</c>), parsed as pve-common <c>parse_property_string</c> does
/// (reference/pve-formats.md §1.1): split on ',', skip empty parts, <c>key=value</c> splits at the first '='
/// (so values may contain '='), a part without '=' is a value for the default key. Duplicate and unknown keys
/// are the caller's to judge, since only it knows the schema.
/// </summary>
public static class PropertyString
{
    /// <summary>
    /// Parses <paramref name="text"/>, which starts at <paramref name="offset"/> in <paramref name="file"/>.
    /// Returns the parts, and the problems (a part <c>key=</c> with an empty value, or <c>=value</c> with no key).
    /// </summary>
    /// <remarks>A plain split over the text (every guest config has dozens of these): only keys and values become strings.</remarks>
    public static (ImmutableArray<PropertyItem> Items, ImmutableArray<string> Problems, ImmutableArray<SourceSpan> ProblemSpans) Parse(SourceFile file, int offset, string text)
    {
        var items = ImmutableArray.CreateBuilder<PropertyItem>(text.AsSpan().Count(',') + 1); // one part per comma and one more: no regrowth, no copy
        ImmutableArray<string>.Builder? problems = null;
        ImmutableArray<SourceSpan>.Builder? problemSpans = null;
        foreach (var part in Parts(text))
        {
            var start = offset + part.Offset;
            var span = file.SpanOf(start, part.Text.Length);
            if (!part.Keyed)
            {
                items.Add(new PropertyItem(null, new Located<string>(RepeatedValues.Of(part.Text), span), span));
                continue;
            }
            if (part.Broken)
            {
                (problems ??= ImmutableArray.CreateBuilder<string>()).Add(part.Eq == 0 ? $"'{part.Text}' has no key before '='" : $"'{part.Key}=' has no value");
                (problemSpans ??= ImmutableArray.CreateBuilder<SourceSpan>()).Add(span);
                continue;
            }
            items.Add(new PropertyItem(
                new Located<string>(RepeatedValues.Of(part.Key), file.SpanOf(start, part.Eq)),
                new Located<string>(RepeatedValues.Of(part.Value), file.SpanOf(start + part.Eq + 1, part.Value.Length)),
                span));
        }
        return (items.DrainToImmutable(), problems?.ToImmutable() ?? [], problemSpans?.ToImmutable() ?? []);
    }

    /// <summary>
    /// The parts as <see cref="Parse"/> splits them (blank parts skipped), as spans into the text: for readers that
    /// want a few values of every guest's disks, not located items.
    /// </summary>
    public static PartEnumerator Parts(string text) => new(text);

    /// <summary>One part: <see cref="Text"/> at <see cref="Offset"/> in the property string, split at its first '=' (<see cref="Eq"/>, −1 for none).</summary>
    public readonly ref struct Part(ReadOnlySpan<char> text, int offset, int eq)
    {
        public ReadOnlySpan<char> Text { get; } = text;
        public int Offset { get; } = offset;
        public int Eq { get; } = eq;
        public bool Keyed => Eq >= 0;
        /// <summary><c>=value</c> or <c>key=</c>: not an item (<see cref="Parse"/> reports it).</summary>
        public bool Broken => Keyed && (Eq == 0 || Eq == Text.Length - 1);
        public ReadOnlySpan<char> Key => Keyed ? Text[..Eq] : default;
        public ReadOnlySpan<char> Value => Keyed ? Text[(Eq + 1)..] : Text;
    }

    public ref struct PartEnumerator(string text)
    {
        private int _next;

        public Part Current { get; private set; }

        public readonly PartEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (_next <= text.Length)
            {
                var comma = text.IndexOf(',', _next);
                var length = (comma < 0 ? text.Length : comma) - _next;
                var part = text.AsSpan(_next, length);
                var offset = _next;
                _next += length + 1;
                if (part.IsWhiteSpace()) continue;
                Current = new Part(part, offset, part.IndexOf('='));
                return true;
            }
            return false;
        }
    }

    /// <summary>Parses a string that is not part of a file (tests, command line); spans are on line 1.</summary>
    public static ImmutableArray<PropertyItem> Parse(string text) => Parse(new SourceFile("", text), 0, text).Items;

    /// <summary>The value of the last <c>key=value</c> item with this key (the one the parser keeps), else null.</summary>
    public static string? LastValue(ImmutableArray<PropertyItem> items, string key)
    {
        for (var i = items.Length - 1; i >= 0; i--)
            if (items[i].Key?.Value == key) return items[i].Value.Value;
        return null;
    }

    /// <summary>The value of the first item without a key (the default key's), else null.</summary>
    public static string? FirstUnkeyed(ImmutableArray<PropertyItem> items)
    {
        foreach (var item in items)
            if (item.Key is null) return item.Value.Value;
        return null;
    }
}
