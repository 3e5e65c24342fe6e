using System.Text;
using PveLint.Text;

namespace PveLint.Ceph;

/// <summary>
/// A piece of ceph.conf text in which every character remembers its offset in the file, so lines joined by
/// continuations (<c>\</c> at the end of a line) still give exact spans.
/// </summary>
internal readonly struct TracedText
{
    private readonly int[] _offsets;

    public TracedText(string text, int[] offsets)
    {
        Text = text;
        _offsets = offsets;
    }

    public string Text { get; }

    public int Length => Text.Length;

    public char this[int index] => Text[index];

    public static TracedText Line(SourceFile file, int line)
    {
        var text = file.LineText(line);
        var start = file.LineStart(line);
        return new TracedText(text, Enumerable.Range(start, text.Length).ToArray());
    }

    public int OffsetAt(int index) => _offsets[index];

    public TracedText Slice(int start, int length) => new(Text.Substring(start, length), _offsets.AsSpan(start, length).ToArray());

    public TracedText From(int start) => Slice(start, Length - start);

    /// <summary>Without leading (and trailing) Perl blanks.</summary>
    public TracedText Trim(bool leading = true, bool trailing = true)
    {
        var start = 0;
        var end = Length;
        if (leading) while (start < end && PerlText.IsSpace(Text[start])) start++;
        if (trailing) while (end > start && PerlText.IsSpace(Text[end - 1])) end--;
        return Slice(start, end - start);
    }

    /// <summary>The span of this text; an empty text gets an empty span at <paramref name="anchor"/>.</summary>
    public SourceSpan Span(SourceFile file, int anchor) =>
        Length == 0 ? file.SpanOf(anchor, 0) : file.SpanOf(_offsets[0], _offsets[^1] + 1 - _offsets[0]);

    public override string ToString() => Text;
}

/// <summary>Builds a <see cref="TracedText"/> from pieces in amortised linear time.</summary>
internal sealed class TracedTextBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<int> _offsets = new();

    public TracedTextBuilder Append(TracedText piece)
    {
        _text.Append(piece.Text);
        for (var i = 0; i < piece.Length; i++) _offsets.Add(piece.OffsetAt(i));
        return this;
    }

    public bool EndsWith(char c) => _text.Length > 0 && _text[^1] == c;

    public void RemoveLast()
    {
        _text.Length--;
        _offsets.RemoveAt(_offsets.Count - 1);
    }

    public TracedText Build() => new(_text.ToString(), _offsets.ToArray());
}

/// <summary>
/// The character classes of pve-storage <c>PVE::CephConfig::parse_ceph_config</c> as scanners. Perl's regexes
/// backtrack; these scanners return the same match (see <see cref="FindDelimited"/>) in linear time.
/// </summary>
internal static class CephConfScan
{
    public static bool IsComment(char c) => c is ';' or '#';

    /// <summary>Length of <c>^((\\.|[^=\[;#])+)</c>: key characters, a backslash escaping any character.</summary>
    public static int KeyPrefix(string s) => Prefix(s, c => c is '=' or '[' || IsComment(c));

    /// <summary>Length of <c>^((\\.|[^;#])*)</c>: an unquoted value up to an unescaped comment character.</summary>
    public static int UnquotedPrefix(string s) => Prefix(s, IsComment);

    private static int Prefix(string s, Func<char, bool> stop)
    {
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == '\\' && i + 1 < s.Length) i += 2;
            else if (!stop(s[i])) i++;
            else break;
        }
        return i;
    }

    /// <summary>
    /// The leftmost match of <c>OPEN((\\.|[^CLOSE;#]){min,})CLOSE</c> at or after <paramref name="from"/> (only at
    /// <paramref name="from"/> when <paramref name="anchored"/>): the section header <c>\[(...)+\]</c> and the quoted
    /// values <c>'(...)*'</c> / <c>"(...)*"</c>. When the greedy scan does not end at CLOSE, Perl backtracks and
    /// matches up to the last CLOSE that the scan took as an escaped <c>\CLOSE</c>; a failed start also fails for
    /// every OPEN inside the scanned stretch, so the search resumes where the scan stopped.
    /// </summary>
    public static (int Start, int InnerStart, int InnerEnd, int End)? FindDelimited(string s, char open, char close, int min, int from, bool anchored)
    {
        var p = from;
        while (p < s.Length)
        {
            if (s[p] != open)
            {
                if (anchored) return null;
                p++;
                continue;
            }
            var q = p + 1;
            var lastEscapedClose = -1;
            while (q < s.Length)
            {
                if (s[q] == '\\' && q + 1 < s.Length)
                {
                    if (s[q + 1] == close) lastEscapedClose = q + 1;
                    q += 2;
                }
                else if (s[q] != close && !IsComment(s[q])) q++;
                else break;
            }
            if (q < s.Length && s[q] == close && q - (p + 1) >= min) return (p, p + 1, q, q + 1);
            if (lastEscapedClose >= 0 && lastEscapedClose - (p + 1) >= min) return (p, p + 1, lastEscapedClose, lastEscapedClose + 1);
            if (anchored) return null;
            p = Math.Max(q, p + 1);
        }
        return null;
    }

    /// <summary><c>s/\\([;#])/$1/g</c>: unescape comment characters.</summary>
    public static string UnescapeComments(string s)
    {
        if (!s.Contains('\\')) return s;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length && IsComment(s[i + 1])) i++;
            sb.Append(s[i]);
        }
        return sb.ToString();
    }

    /// <summary>
    /// PVE's key normalisation: the first blank becomes a space, every run of two or more blanks one space
    /// (<c>s/\s/ /; while (s/\s\s/ /) {}</c>), then spaces become '_' and <c>\;</c> <c>\#</c> are unescaped.
    /// A lone TAB after the first blank stays a TAB, as in PVE.
    /// </summary>
    public static string NormalizeKey(string trimmedKey)
    {
        var sb = new StringBuilder(trimmedKey.Length);
        var firstReplaced = false;
        for (var i = 0; i < trimmedKey.Length;)
        {
            if (!PerlText.IsSpace(trimmedKey[i])) { sb.Append(trimmedKey[i++]); continue; }
            var run = i;
            while (i < trimmedKey.Length && PerlText.IsSpace(trimmedKey[i])) i++;
            var single = i - run == 1 && firstReplaced;
            sb.Append(single ? trimmedKey[run] : ' ');
            firstReplaced = true;
        }
        return UnescapeComments(sb.ToString().Replace(' ', '_'));
    }
}
