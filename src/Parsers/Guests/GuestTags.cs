using System.Collections.Immutable;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Guests;

/// <summary>
/// The <c>tags</c> value, split as pve-common <c>split_list</c> does (',' ';' and whitespace all separate; PVE writes
/// ';'), each tag checked against <c>PVE_TAG_RE</c> <c>[a-z0-9_][a-z0-9_\-\+\.]*</c> (case-insensitive).
/// </summary>
internal static class GuestTags
{
    /// <summary>Every tag in order, with whether it is a valid tag.</summary>
    public static ImmutableArray<(Located<string> Tag, bool Valid)> Split(SourceFile file, Located<string> value)
    {
        var tags = ImmutableArray.CreateBuilder<(Located<string>, bool)>();
        var text = value.Value;
        for (var i = 0; i < text.Length;)
        {
            if (IsSeparator(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && !IsSeparator(text[i])) i++;
            var tag = new Located<string>(text[start..i], file.SpanOnLine(value.Span.Line, value.Span.Column + start, i - start));
            tags.Add((tag, IsValid(tag.Value)));
        }
        return tags.ToImmutable();
    }

    private static bool IsSeparator(char c) => c is ',' or ';' || PerlText.IsSpace(c);

    private static bool IsValid(string tag)
    {
        if (!(char.IsAsciiLetterOrDigit(tag[0]) || tag[0] == '_')) return false;
        foreach (var c in tag.AsSpan(1))
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+' or '.')) return false;
        return true;
    }
}
