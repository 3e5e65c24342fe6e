namespace PveLint.Cli.Reporting;

/// <summary>SGR escape sequences for the text report; <see cref="Paint"/> leaves text alone when colour is off.</summary>
internal static class Ansi
{
    public const string Bold = "1";
    public const string Dim = "2";
    public const string Red = "1;31";
    public const string Yellow = "1;33";
    public const string Cyan = "1;36";

    private const string Start = "\u001b[";
    private const string Reset = "\u001b[0m";

    /// <summary>Wraps already-escaped text (no control characters of its own) in one SGR code and a reset.</summary>
    public static string Paint(this TextStyle style, string text, string code) =>
        style.Color && text.Length > 0 ? $"{Start}{code}m{text}{Reset}" : text;

    /// <summary>
    /// <see cref="Paint"/> written in place: the code before the text (<see cref="EndPaint"/> after it), for a report
    /// written piece by piece. Nothing when colour is off.
    /// </summary>
    public static void BeginPaint(this TextStyle style, TextWriter output, string code)
    {
        if (!style.Color) return;
        output.Write(Start);
        output.Write(code);
        output.Write('m');
    }

    public static void EndPaint(this TextStyle style, TextWriter output)
    {
        if (style.Color) output.Write(Reset);
    }

    public static string SeverityCode(Diagnostics.Severity severity) => severity switch
    {
        Diagnostics.Severity.Error => Red,
        Diagnostics.Severity.Warning => Yellow,
        _ => Cyan,
    };
}
