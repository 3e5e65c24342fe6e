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
    /// <summary>Every tag in order; <paramref name="invalid"/> holds those that are not valid tags (null when all are).</summary>
    public static ImmutableArray<Located<string>> Split(SourceFile file, Located<string> value, out List<Located<string>>? invalid)
    {
        invalid = null;
        var text = value.Value;
        var tags = ImmutableArray.CreateBuilder<Located<string>>(Count(text));
        for (var i = 0; i < text.Length;)
        {
            if (IsSeparator(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && !IsSeparator(text[i])) i++;
            var tag = new Located<string>(RepeatedValues.Of(text.AsSpan(start, i - start)), file.SpanOnLine(value.Span.Line, value.Span.Column + start, i - start)); // tags repeat across guests
            tags.Add(tag);
            if (!IsValid(tag.Value)) (invalid ??= []).Add(tag);
        }
        return tags.MoveToImmutable();
    }

    /// <summary>How many tags <see cref="Split"/> finds, so the array is made at its size.</summary>
    private static int Count(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
            if (!IsSeparator(text[i]) && (i == 0 || IsSeparator(text[i - 1]))) count++;
        return count;
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
