using System.Text;
using PveLint.Text;

namespace PveLint.Cli.Reporting;

/// <summary>
/// Text from the input placed in a GitHub-flavoured Markdown job summary. Names and values must stay text:
/// <c>![img](…)</c> would load an image, <c>[x](javascript:…)</c> make a link, <c>&lt;b&gt;</c> HTML, a line break
/// or '|' would end the table row.
/// </summary>
internal static class MarkdownText
{
    /// <summary>
    /// Inline text (a table cell): every character with a meaning in inline Markdown or HTML is backslash-escaped
    /// (CommonMark escapes any ASCII punctuation, GFM tables also '\|'), control characters made visible.
    /// </summary>
    public static string Inline(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '&' or '!') sb.Append('\\');
            sb.Append(c);
        }
        return PrintableText.Escape(sb.ToString());
    }

    /// <summary>
    /// A code span: nothing inside is Markdown, so only what would end it is changed (a backtick becomes ',
    /// '|' is escaped for tables, line breaks and control characters become visible).
    /// </summary>
    public static string Code(string text) => "`" + PrintableText.Escape(text.Replace("`", "'").Replace("|", "\\|")) + "`";
}
