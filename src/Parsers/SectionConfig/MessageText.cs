namespace PveLint.SectionConfig;

/// <summary>
/// How diagnostics quote text from the file: short. A 20 MB id or value must not be copied into every message
/// about it (that would make a hostile file cost quadratic time and memory).
/// </summary>
internal static class MessageText
{
    public const int MaxQuoted = 80;

    public static string Short(string? text, int max = MaxQuoted) =>
        text is null ? "" : text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 3), "...");
}
