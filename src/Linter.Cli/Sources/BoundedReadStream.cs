namespace PveLint.Cli.Sources;

/// <summary>Thrown by <see cref="BoundedReadStream"/> when more bytes were read than allowed.</summary>
public sealed class ReadLimitExceededException(long limit) : IOException($"more than {SourceLimits.Describe(limit)} of data")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// A read-only wrapper that fails once more than <c>limit</c> bytes have passed through it: the guard against
/// gzip bombs, since a tar reader skipping a huge entry still has to decompress it.
/// </summary>
public sealed class BoundedReadStream(Stream inner, long limit) : Stream
{
    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        BytesRead += n;
        if (BytesRead > limit) throw new ReadLimitExceededException(limit);
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
