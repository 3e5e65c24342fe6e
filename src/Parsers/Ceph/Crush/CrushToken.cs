using System.Collections.Immutable;
using PveLint.Text;

namespace PveLint.Ceph.Crush;

public enum CrushTokenKind
{
    /// <summary>A run of name characters: ASCII letters, digits, '-', '_' and '.' (names, numbers, keywords).</summary>
    Word,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,

    /// <summary>Any other character; crushtool's grammar has no use for it, so it is always a syntax error.</summary>
    Invalid,
}

/// <summary>A token of the decompiled CRUSH map with its exact place in the file.</summary>
public readonly record struct CrushToken(CrushTokenKind Kind, string Text, int Offset, SourceSpan Span)
{
    public int End => Offset + Text.Length;

    public bool IsWord(string text) => Kind == CrushTokenKind.Word && Text == text;

    public string Display => Kind switch
    {
        CrushTokenKind.Word => $"'{Text}'",
        CrushTokenKind.Invalid => $"the character '{Text}'",
        _ => $"'{Text}'",
    };
}

/// <summary>
/// Splits CRUSH map text into tokens the way <c>crushtool -c</c> sees it: everything from '#' to the end of the line
/// is dropped (CrushCompiler strips comments line by line before parsing), whitespace including line breaks only
/// separates tokens, and names are runs of <c>[A-Za-z0-9._-]</c> (grammar.h <c>name</c>; ASCII only).
/// </summary>
public static class CrushLexer
{
    /// <summary>Single-character tokens share one string each, so junk input does not allocate per character.</summary>
    private static readonly string[] AsciiStrings = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();

    public static ImmutableArray<CrushToken> Tokenize(SourceFile file)
    {
        var text = file.Text;
        var tokens = ImmutableArray.CreateBuilder<CrushToken>();
        // Line and column are tracked while scanning (SourceFile's line map would cost a search per token).
        int line = 1, lineStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n' && text[i] != '\r') i++;
                continue;
            }
            if (c is '\n' or '\r')
            {
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                lineStart = i;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            CrushTokenKind kind;
            if (IsNameChar(c))
            {
                while (i < text.Length && IsNameChar(text[i])) i++;
                kind = CrushTokenKind.Word;
            }
            else
            {
                i++;
                kind = c switch
                {
                    '{' => CrushTokenKind.OpenBrace,
                    '}' => CrushTokenKind.CloseBrace,
                    '[' => CrushTokenKind.OpenBracket,
                    ']' => CrushTokenKind.CloseBracket,
                    _ => CrushTokenKind.Invalid,
                };
                // Keep a surrogate pair together so a token never splits a character.
                if (kind == CrushTokenKind.Invalid && char.IsHighSurrogate(c) && i < text.Length && char.IsLowSurrogate(text[i])) i++;
            }
            // Words repeat (item, weight, host, osd.N in rules and buckets): one string each.
            var tokenText = i - start == 1 && c < 128 ? AsciiStrings[c] : RepeatedValues.Of(text.AsSpan(start, i - start));
            var column = start - lineStart + 1;
            tokens.Add(new CrushToken(kind, tokenText, start, new SourceSpan(file.Path, line, column, line, column + (i - start))));
        }
        return tokens.ToImmutable();
    }

    public static bool IsNameChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.';
}
