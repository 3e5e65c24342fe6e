using System.Text;

namespace PveLint.Text;

/// <summary>The outcome of decoding a file: its text (null when refused), and what was wrong with its bytes.</summary>
public readonly record struct DecodedText(string? Text, string? Problem, int Line, int Column)
{
    public bool Ok => Text is not null;
}

/// <summary>
/// Turning a file's bytes into text. Configuration files are read as PVE's parsers and corosync read them
/// (<see cref="DecodeAsPveReads"/>): as bytes, so nothing is refused. The linter's own inputs (baselines) are strict
/// UTF-8 (<see cref="Decode"/>).
/// </summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Each byte that is not part of valid UTF-8 becomes the Latin-1 character of the same value.</summary>
    private static readonly Encoding Lenient = Encoding.GetEncoding("utf-8", EncoderFallback.ExceptionFallback, new Latin1Fallback());

    /// <summary>Strict UTF-8 (a leading byte-order mark is dropped): invalid bytes refuse the file, with the first one's position.</summary>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var bad = FirstInvalidByte(bytes);
        if (bad is null) return new DecodedText(Strict.GetString(bytes), null, 0, 0);
        var (line, column, value) = bad.Value;
        return new DecodedText(null, $"the file is not valid UTF-8 text (0x{value:X2} at line {line}, column {column}) and was not read", line, column);
    }

    /// <summary>
    /// A configuration file as PVE's parsers (raw bytes from pmxcfs) and corosync see it: a byte-order mark stays
    /// part of the first line, NUL bytes are characters, and bytes that are not UTF-8 are read as Latin-1, so the
    /// file is still checked. <see cref="DecodedText.Problem"/> then says where the first such byte is.
    /// </summary>
    public static DecodedText DecodeAsPveReads(ReadOnlySpan<byte> bytes)
    {
        var bad = FirstInvalidByte(bytes);
        if (bad is null) return new DecodedText(Strict.GetString(bytes), null, 0, 0);
        var (line, column, value) = bad.Value;
        return new DecodedText(Lenient.GetString(bytes),
            $"the file is not valid UTF-8 text (0x{value:X2} at line {line}, column {column}); it is checked as PVE and corosync read it, byte by byte, with each byte that is not UTF-8 taken as its Latin-1 character",
            line, column);
    }

    private static (int Line, int Column, byte Value)? FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        try
        {
            Strict.GetCharCount(bytes);
            return null;
        }
        catch (DecoderFallbackException e)
        {
            var index = Math.Clamp(e.Index, 0, bytes.Length);
            var prefix = new SourceFile("", Encoding.UTF8.GetString(bytes[..index]));
            var (line, column) = prefix.PositionOf(prefix.Text.Length);
            return (line, column, e.BytesUnknown is { Length: > 0 } unknown ? unknown[0] : bytes[Math.Min(index, bytes.Length - 1)]);
        }
    }

    private sealed class Latin1Fallback : DecoderFallback
    {
        public override int MaxCharCount => 4;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

        private sealed class Buffer : DecoderFallbackBuffer
        {
            private byte[] _bytes = [];
            private int _next;

            public override int Remaining => _bytes.Length - _next;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                _bytes = bytesUnknown;
                _next = 0;
                return _bytes.Length > 0;
            }

            public override char GetNextChar() => _next < _bytes.Length ? (char)_bytes[_next++] : '\0';

            public override bool MovePrevious()
            {
                if (_next == 0) return false;
                _next--;
                return true;
            }

            public override void Reset()
            {
                _bytes = [];
                _next = 0;
            }
        }
    }
}
