namespace PveLint.Cli.Reporting;

/// <summary>
/// How the text report looks: ANSI colour and source snippets (the offending line with a caret under the span).
/// Plain, the default, is what files, pipes and CI logs get.
/// </summary>
public sealed record TextStyle(bool Color, bool Snippets)
{
    public static TextStyle Plain { get; } = new(false, false);

    /// <summary>
    /// <c>--color auto</c> colours only a terminal, and not when <c>NO_COLOR</c> is set (no-color.org);
    /// <c>always</c>/<c>never</c> decide alone. Snippets are on for a terminal unless <c>--no-snippets</c>, and
    /// wherever <c>--snippets</c> asks for them.
    /// </summary>
    public static TextStyle Resolve(string color, bool? snippets, bool toTerminal, bool noColor) => new(
        color switch
        {
            "always" => true,
            "never" => false,
            _ => toTerminal && !noColor,
        },
        snippets ?? toTerminal);
}
