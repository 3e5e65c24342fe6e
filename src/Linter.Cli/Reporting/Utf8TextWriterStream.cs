using System.Text;

namespace PveLint.Cli.Reporting;

/// <summary>
/// A write-only stream that decodes UTF-8 into a <see cref="TextWriter"/> as it arrives (a character split across two
/// writes is kept until its last byte), so that a JSON writer can stream into standard output or a file's writer.
/// </summary>
internal sealed class Utf8TextWriterStream(TextWriter output) : Stream
{
    private readonly Decoder decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private char[] chars = new char[4096];

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var needed = decoder.GetCharCount(buffer, flush: false);
        if (needed > chars.Length) chars = new char[Math.Max(needed, chars.Length * 2)];
        var written = decoder.GetChars(buffer, chars, flush: false);
        output.Write(chars, 0, written);
    }

    public override void Flush() => output.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
