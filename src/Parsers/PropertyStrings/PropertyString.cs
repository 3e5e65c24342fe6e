using System.Collections.Immutable;
using Pidgin;
using PveLint.Model;
using PveLint.Text;
using static Pidgin.Parser;

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
    private static readonly Parser<char, (int Offset, string Text)> Part =
        Map((offset, text) => (offset, text), Parser<char>.CurrentOffset, AnyCharExcept(',').ManyString());

    private static readonly Parser<char, IEnumerable<(int Offset, string Text)>> Parts = Part.Separated(Char(','));

    /// <summary>
    /// Parses <paramref name="text"/>, which starts at <paramref name="offset"/> in <paramref name="file"/>.
    /// Returns the parts, and the problems (a part <c>key=</c> with an empty value, or <c>=value</c> with no key).
    /// </summary>
    public static (ImmutableArray<PropertyItem> Items, ImmutableArray<string> Problems, ImmutableArray<SourceSpan> ProblemSpans) Parse(SourceFile file, int offset, string text)
    {
        var items = ImmutableArray.CreateBuilder<PropertyItem>();
        var problems = ImmutableArray.CreateBuilder<string>();
        var problemSpans = ImmutableArray.CreateBuilder<SourceSpan>();
        // Separated(Char(',')) over "any char except ','" always succeeds, so GetValueOrDefault never drops input.
        foreach (var (partOffset, partText) in Parts.Parse(text).GetValueOrDefault() ?? [])
        {
            if (partText.Trim().Length == 0) continue;
            var start = offset + partOffset;
            var span = file.SpanOf(start, partText.Length);
            var eq = partText.IndexOf('=');
            if (eq < 0)
            {
                items.Add(new PropertyItem(null, new Located<string>(partText, span), span));
                continue;
            }
            var key = partText[..eq];
            var value = partText[(eq + 1)..];
            if (key.Length == 0 || value.Length == 0)
            {
                problems.Add(key.Length == 0 ? $"'{partText}' has no key before '='" : $"'{key}=' has no value");
                problemSpans.Add(span);
                continue;
            }
            items.Add(new PropertyItem(
                new Located<string>(key, file.SpanOf(start, key.Length)),
                new Located<string>(value, file.SpanOf(start + eq + 1, value.Length)),
                span));
        }
        return (items.ToImmutable(), problems.ToImmutable(), problemSpans.ToImmutable());
    }

    /// <summary>Parses a string that is not part of a file (tests, command line); spans are on line 1.</summary>
    public static ImmutableArray<PropertyItem> Parse(string text) => Parse(new SourceFile("", text), 0, text).Items;
}
