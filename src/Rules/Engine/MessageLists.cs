using System.Runtime.CompilerServices;

namespace PveLint.Rules.Engine;

/// <summary>
/// Lists of names in finding messages: "a, b and c" or "a, b, c", ending in "and N more" past a limit. Written
/// straight into one string: rules that fire on thousands of guests list nodes and disks in each message.
/// </summary>
internal static class MessageLists
{
    /// <param name="items">The first items of the list, at least <paramref name="max"/> of them when there are more.</param>
    /// <param name="count">How many items the list has.</param>
    /// <param name="andBeforeLast">"a, b and c" when the whole list is shown; else "a, b, c".</param>
    public static string Join(IReadOnlyList<string> items, int count, int max, bool andBeforeLast)
    {
        var text = new DefaultInterpolatedStringHandler(0, 0, null, stackalloc char[256]);
        var shown = Math.Min(count, max);
        for (var i = 0; i < shown; i++)
        {
            if (i > 0) text.AppendLiteral(andBeforeLast && i == count - 1 ? " and " : ", ");
            text.AppendFormatted(items[i]);
        }
        if (count > max)
        {
            text.AppendLiteral(" and ");
            text.AppendFormatted(count - max);
            text.AppendLiteral(" more");
        }
        return text.ToStringAndClear();
    }
}
