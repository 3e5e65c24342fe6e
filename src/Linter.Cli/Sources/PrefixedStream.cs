namespace PveLint.Cli.Sources;

/// <summary>
/// Bytes already read (to sniff a file's type) followed by the rest of the stream, so a pipe that cannot be
/// rewound or reopened (<c>scan /dev/stdin</c>, <c>scan &lt;(gzip -c a.tar)</c>) is still read exactly once.
/// </summary>
public sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ReadOnlyStream(rest)
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public override int Read(Span<byte> buffer)
    {
        if (_prefix.IsEmpty) return Inner.Read(buffer);
        var n = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..n].CopyTo(buffer);
        _prefix = _prefix[n..];
        return n;
    }
}
