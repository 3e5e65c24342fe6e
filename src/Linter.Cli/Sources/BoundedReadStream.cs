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
public sealed class BoundedReadStream(Stream inner, long limit) : ReadOnlyStream(inner)
{
    public long BytesRead { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        var n = Inner.Read(buffer);
        BytesRead += n;
        if (BytesRead > limit) throw new ReadLimitExceededException(limit);
        return n;
    }
}
