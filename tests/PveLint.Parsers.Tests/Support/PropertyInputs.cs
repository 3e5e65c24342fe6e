using CsCheck;

namespace PveLint.Parsers.Tests;

/// <summary>Generators shared by the property tests of the guest, watchdog, ceph.conf and manager_status readers.</summary>
internal static class PropertyInputs
{
    /// <summary>Text built from the characters that matter to these formats, so random input hits the grammar often.</summary>
    public static readonly Gen<string> GrammarText =
        Gen.OneOf(
            Gen.Char["[]:=#;\"'\\ \t\r\n,{}abcdefxyz0129_-./%"],
            Gen.Char.AlphaNumeric,
            Gen.Char).Array[0, 400].Select(chars => new string(chars));

    /// <summary>A corpus text mutated by inserting, deleting or duplicating a few random pieces.</summary>
    public static Gen<string> Mutations(IReadOnlyList<string> texts) =>
        Gen.Select(Gen.Int[0, texts.Count - 1], Gen.Select(Gen.Int[0, 2], Gen.Double[0, 1], Gen.Double[0, 1], GrammarText).Array[1, 6])
            .Select((index, edits) =>
            {
                var text = texts[index];
                foreach (var (op, at, length, insert) in edits)
                {
                    var start = (int)(at * text.Length);
                    var count = Math.Min(text.Length - start, (int)(length * 40));
                    text = op switch
                    {
                        0 => text.Insert(start, insert),
                        1 => text.Remove(start, count),
                        _ => text.Insert(start, text.Substring(start, count)),
                    };
                }
                return text;
            });

    /// <summary>Large inputs that punish quadratic or backtracking code.</summary>
    public static IEnumerable<string> HugeInputs()
    {
        yield return new string(' ', 300_000) + "x";
        yield return new string('[', 200_000);
        yield return "[" + string.Concat(Enumerable.Repeat("\\", 200_000)) + "x";
        yield return string.Concat(Enumerable.Repeat("key: value\n", 50_000));
        yield return string.Concat(Enumerable.Repeat("a = \\\n", 50_000));
        yield return "K=\"" + new string('x', 300_000);
        yield return string.Concat(Enumerable.Repeat("snapstate: delete ", 50_000)) + "x";
        yield return string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000);
    }
}
