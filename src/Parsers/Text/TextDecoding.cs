using System.Text;

namespace PveLint.Text;

/// <summary>The outcome of decoding a file: its text, or where and why it is not UTF-8.</summary>
public readonly record struct DecodedText(string? Text, string? Problem, int Line, int Column)
{
    public bool Ok => Text is not null;
}

/// <summary>
/// Strict UTF-8 decoding of configuration files. PVE writes UTF-8 everywhere; invalid bytes mean a binary or
/// a wrongly encoded file, which is reported (PVE0010) with the position of the first bad byte rather than
/// parsed with replacement characters. A leading byte-order mark is dropped.
/// </summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        try
        {
            return new DecodedText(Strict.GetString(bytes), null, 0, 0);
        }
        catch (DecoderFallbackException e)
        {
            var index = Math.Clamp(e.Index, 0, bytes.Length);
            var prefix = new SourceFile("", Encoding.UTF8.GetString(bytes[..index]));
            var (line, column) = prefix.PositionOf(prefix.Text.Length);
            var bad = e.BytesUnknown is { Length: > 0 } unknown ? $"0x{unknown[0]:X2}" : "an invalid byte";
            return new DecodedText(null, $"the file is not valid UTF-8 text ({bad} at line {line}, column {column}) and was not read", line, column);
        }
    }
}
