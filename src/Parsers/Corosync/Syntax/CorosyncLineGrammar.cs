using Pidgin;
using static Pidgin.Parser;

namespace PveLint.Corosync.Syntax;

/// <summary>What one corosync.conf line is, with 0-based offsets into the trimmed line text.</summary>
internal abstract record LineShape;

internal sealed record BlankLine : LineShape;

/// <summary>First non-blank character is '#'.</summary>
internal sealed record CommentLine(int Hash) : LineShape;

/// <summary>Contains '{': <paramref name="Brace"/> is the first '{', <paramref name="After"/> the first non-blank after it.</summary>
internal sealed record SectionOpenLine(int Brace, int After) : LineShape;

/// <summary>Contains ':' (and no '{'): <paramref name="Colon"/> is the first ':', <paramref name="Value"/> the first non-blank after it.</summary>
internal sealed record KeyValueLine(int Colon, int Value) : LineShape;

/// <summary>Exactly '}' after trimming.</summary>
internal sealed record CloseLine(int Brace) : LineShape;

/// <summary>Contains '}' together with other text.</summary>
internal sealed record CloseWithExtraLine(int Start) : LineShape;

/// <summary>None of the above, e.g. <c>secauth on</c>.</summary>
internal sealed record OtherLine(int Start) : LineShape;

/// <summary>
/// The line classification of corosync 3.1 <c>coroparse.c:parse_section()</c> as a Pidgin grammar, applied to a
/// line that is already trimmed (line break, one '\r', trailing spaces and tabs removed). The checks run in
/// corosync's order (reference/corosync-quorum.md §1.1 rule 4): comment or blank; any '{' opens a section;
/// otherwise any ':' makes a key/value; otherwise a '}' closes; anything else is an error. Only space and tab are
/// blanks. Names and values are cut out afterwards by <see cref="CorosyncText"/>, which copies corosync's trimming.
/// </summary>
internal static class CorosyncLineGrammar
{
    private static readonly Parser<char, Unit> Blanks = OneOf(' ', '\t').SkipMany();
    private static readonly Parser<char, int> Offset = Parser<char>.CurrentOffset;
    private static readonly Parser<char, Unit> Rest = Parser<char>.Any.SkipMany();

    private static readonly Parser<char, LineShape> Blank =
        Blanks.Then(Parser<char>.End).ThenReturn((LineShape)new BlankLine());

    private static readonly Parser<char, LineShape> Comment =
        Blanks.Then(Offset).Before(Char('#')).Before(Rest).Select(hash => (LineShape)new CommentLine(hash));

    private static readonly Parser<char, LineShape> SectionOpen =
        Map((brace, after) => (LineShape)new SectionOpenLine(brace, after),
            AnyCharExcept('{').SkipMany().Then(Offset).Before(Char('{')),
            Blanks.Then(Offset).Before(Rest));

    private static readonly Parser<char, LineShape> KeyValue =
        Map((colon, value) => (LineShape)new KeyValueLine(colon, value),
            AnyCharExcept(':').SkipMany().Then(Offset).Before(Char(':')),
            Blanks.Then(Offset).Before(Rest));

    private static readonly Parser<char, LineShape> Close =
        Blanks.Then(Offset).Before(Char('}')).Before(Blanks).Before(Parser<char>.End).Select(brace => (LineShape)new CloseLine(brace));

    private static readonly Parser<char, LineShape> CloseWithExtra =
        Blanks.Then(Offset).Before(AnyCharExcept('}').SkipMany()).Before(Char('}')).Before(Rest)
            .Select(start => (LineShape)new CloseWithExtraLine(start));

    private static readonly Parser<char, LineShape> Other =
        Blanks.Then(Offset).Before(Rest).Select(start => (LineShape)new OtherLine(start));

    private static readonly Parser<char, LineShape> Line = OneOf(
        Try(Blank), Try(Comment), Try(SectionOpen), Try(KeyValue), Try(Close), Try(CloseWithExtra), Other);

    /// <summary>Classifies one trimmed line. <see cref="Other"/> accepts anything, so this never fails.</summary>
    public static LineShape Classify(string line) =>
        Line.Parse(line) is { Success: true } result ? result.Value : new OtherLine(0);
}

/// <summary>
/// corosync's own string surgery on a classified line (coroparse.c <c>strchr_rs</c> and <c>remove_whitespace</c>),
/// reproduced exactly because its corner cases decide what is accepted: a name keeps at least one character, so
/// <c>: x</c> in a section stores the key ":" and <c>{ x</c> is a section named "{".
/// </summary>
internal static class CorosyncText
{
    /// <summary>
    /// The name before a delimiter, given <paramref name="after"/> = the first non-blank offset after the delimiter.
    /// corosync writes its terminator at <c>after - 1</c>, trims leading blanks and then trailing blanks, ':' and '{'
    /// while more than one character is left.
    /// </summary>
    public static (int Start, int Length) NameBefore(string line, int after)
    {
        var cut = after - 1;
        var start = 0;
        while (start < cut && IsBlank(line[start])) start++;
        if (start >= cut) return (start, 0);
        var end = cut - 1;
        while (end > start && (IsBlank(line[end]) || line[end] == ':' || line[end] == '{')) end--;
        return (start, end - start + 1);
    }

    public static bool IsBlank(char c) => c is ' ' or '\t';
}
