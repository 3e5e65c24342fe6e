namespace PveLint.Cli.Reporting;

/// <summary>SGR escape sequences for the text report; <see cref="Paint"/> leaves text alone when colour is off.</summary>
internal static class Ansi
{
    public const string Bold = "1";
    public const string Dim = "2";
    public const string Red = "1;31";
    public const string Yellow = "1;33";
    public const string Cyan = "1;36";

    /// <summary>Wraps already-escaped text (no control characters of its own) in one SGR code and a reset.</summary>
    public static string Paint(this TextStyle style, string text, string code) =>
        style.Color && text.Length > 0 ? $"\u001b[{code}m{text}\u001b[0m" : text;

    public static string SeverityCode(Diagnostics.Severity severity) => severity switch
    {
        Diagnostics.Severity.Error => Red,
        Diagnostics.Severity.Warning => Yellow,
        _ => Cyan,
    };
}
